/**
 * Version 1 of the contract of slokit's durable state: what must survive a crash between two syncs. Drivers:
 * SQLite (embedded default) and Postgres (several workers), in @slokit/store. Times are epoch milliseconds.
 */

/** Where a source's incremental reads resume. */
export interface SourceCursor {
  source: string;
  /** The source's own cursor from its last batch; null to read by time only. */
  cursor: string | null;
  /** The newest record time seen so far; the next read starts at this minus the overlap window. */
  watermark: number | null;
  updatedAt: number;
}

/**
 * One time bucket of one SLO (and segment): the mergeable aggregates of the records whose time falls in
 * `[start, start + bucketMs)`. Any window is answered by merging buckets.
 */
export interface SliBucket {
  slo: string;
  /**
   * A hash of the SLO's SLI definition (buckets of an edited SLO are not mixed with the new definition's), with
   * `:1h` or `:1d` appended for the hourly and daily rollups that answer long windows.
   */
  definition: string;
  /** '' for the SLO as a whole, else the groupBy value. */
  segment: string;
  start: number;
  /** Samples (metric SLIs) or total events (ratio SLIs). */
  count: number;
  /** Good events (ratio SLIs); 0 for metric SLIs. */
  good: number;
  sum: number;
  sumSquares: number;
  min: number | null;
  max: number | null;
  /** A serialized LogHistogram (DDSketch buckets) for percentile SLIs; null otherwise. */
  sketch: string | null;
  /**
   * Value SLIs: 5-minute slices with data that this bucket covers (1 or 0 for a 5-minute bucket, more in the hourly
   * and daily rollups whose `definition` ends in `:1h` / `:1d`), and how many of them met the objective.
   */
  slices: number;
  goodSlices: number;
}

/** One evaluation of one SLO (and segment) at one time: the history behind reports, trends and reviews. */
export interface EvaluationRow {
  slo: string;
  segment: string;
  at: number;
  status: string;
  value: number | null;
  samples: number;
  /** Fraction of the error budget left over the SLO's period; null without a budget. */
  budgetRemaining: number | null;
  /** The alert level after this evaluation: none, warning, critical, ticket, page. */
  level: string;
  /** Everything else worth keeping (burn rates, interval, thresholds), as JSON. */
  details: string;
}

/** The alert policy's memory for one SLO (and segment), as JSON the policy in core reads and writes. */
export interface AlertStateRow {
  slo: string;
  segment: string;
  state: string;
  updatedAt: number;
}

/** An alert event produced by the policy: fired, escalated, de-escalated, resolved, repeated, or silenced. */
export interface AlertEventRow {
  /** Deterministic (cycle, SLO, segment, kind) so a retried commit does not record it twice. */
  id: string;
  slo: string;
  segment: string;
  at: number;
  kind: string;
  level: string;
  /** Whether a silence or maintenance window suppressed sending. */
  silenced: boolean;
  /** The event with its context, as JSON. */
  payload: string;
}

/** A delivery to a channel that must happen at least once: written in the same commit as its event. */
export interface OutboxRow {
  id: string;
  channel: string;
  payload: string;
  createdAt: number;
  /** pending, sent, failed (gave up), dead (the endpoint is gone). */
  status: string;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
}

export interface Silence {
  id: string;
  slo: string;
  /** null silences every segment of the SLO. */
  segment: string | null;
  startsAt: number;
  endsAt: number;
  reason: string;
  createdAt: number;
  /** Set when expired early. */
  expiredAt: number | null;
}

export interface PublishLogRow {
  checkId: string;
  source: string;
  target: string;
  published: number;
  at: number;
}

export interface Lease {
  name: string;
  owner: string;
  expiresAt: number;
}

/** Everything one sync cycle writes, committed all or nothing. */
export interface CycleWrites {
  cursors?: SourceCursor[];
  /** Upserted by (slo, definition, segment, start): the cycle sends the merged bucket, not a delta. */
  buckets?: SliBucket[];
  /** Record ids counted this cycle, so an overlapping re-read does not count them twice. */
  seen?: Array<{ source: string; id: string; time: number }>;
  /** Upserted by (slo, segment, at). */
  evaluations?: EvaluationRow[];
  /** Upserted by (slo, segment). */
  alertStates?: AlertStateRow[];
  /** Inserted; an id that exists already is left as it is. */
  alertEvents?: AlertEventRow[];
  /** Inserted; an id that exists already is left as it is. */
  outbox?: OutboxRow[];
  publishes?: PublishLogRow[];
  /**
   * Commit only while this lease is still held by `owner` at `now` (checked inside the transaction); otherwise
   * nothing is written and the commit throws a LeaseLostError.
   */
  lease?: { name: string; owner: string; now: number };
}

export interface StateStoreV1 {
  readonly specificationVersion: 'v1';
  /** sqlite or postgres. */
  readonly kind: string;
  /** Where the state lives, safe to print: a file path, or a URL without its password. */
  readonly location: string;

  /** Creates or upgrades the schema (versioned migrations, applied in order, each once). Idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /**
   * Takes the lease if it is free, expired, or already `owner`'s (then renews it) until `now + ttlMs`. Atomic across
   * processes and machines. Resolves to whether `owner` holds it now.
   */
  tryAcquireLease(name: string, owner: string, ttlMs: number, now: number): Promise<boolean>;
  releaseLease(name: string, owner: string): Promise<void>;
  /** Leases whose name starts with `prefix` and that have not expired at `now`. */
  listLeases(prefix: string, now: number): Promise<Lease[]>;

  getCursor(source: string): Promise<SourceCursor | undefined>;
  /** Buckets of one SLO definition with `from <= start < to`, every segment, ordered by start. */
  getBuckets(query: { slo: string; definition: string; from: number; to: number }): Promise<SliBucket[]>;
  /** Which of `ids` were already counted for `source`. */
  filterSeen(source: string, ids: readonly string[]): Promise<Set<string>>;
  getAlertStates(): Promise<AlertStateRow[]>;
  /** Evaluations with `from <= at < to`, of one SLO or all, ordered by at. */
  getEvaluations(query: { slo?: string; from: number; to: number }): Promise<EvaluationRow[]>;
  /** Alert events with `from <= at < to`, ordered by at. */
  getAlertEvents(query: { slo?: string; from: number; to: number }): Promise<AlertEventRow[]>;
  /** Outbox rows due at `now` (pending with nextAttemptAt <= now), oldest first, at most `limit`. */
  getDueOutbox(now: number, limit: number): Promise<OutboxRow[]>;
  updateOutbox(
    row: Pick<OutboxRow, 'id' | 'status' | 'attempts' | 'nextAttemptAt' | 'lastError'>,
  ): Promise<void>;
  getPublishLog(query: { from: number; to: number }): Promise<PublishLogRow[]>;

  listSilences(query?: { activeAt?: number }): Promise<Silence[]>;
  addSilence(silence: Silence): Promise<void>;
  /** Ends a silence at `at`; false when there is no such active silence. */
  expireSilence(id: string, at: number): Promise<boolean>;

  /** Writes one cycle atomically. */
  commit(writes: CycleWrites): Promise<void>;
  /**
   * Drops what no window needs any more: seen ids, buckets (every resolution), evaluations, alert events and finished
   * outbox rows older than the given times, and 5-minute buckets (definitions without a `:` suffix) older than
   * `fineBuckets`, which rollups answer for.
   */
  prune(before: {
    seen: number;
    buckets: number;
    fineBuckets: number;
    evaluations: number;
    alertEvents: number;
    outbox: number;
  }): Promise<void>;
}

export type StateStore = StateStoreV1;
