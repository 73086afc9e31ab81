import type { MlflowClient } from '../client/mlflow-client.js';
import type { TraceInfo } from '../client/mlflow-schemas.js';

/** Where an incremental trace read resumes: the time it reached and the traces it already returned near it. */
export interface TracesCursor {
  /** Lower bound (epoch ms, inclusive) of the next query. */
  after: number;
  /** `[trace_id, timestamp_ms]` of every trace returned at or after `after - overlap`, to skip when re-read. */
  seen: Array<[string, number]>;
}

export interface ReadTracePagesOptions {
  client: MlflowClient;
  experimentIds: readonly string[];
  /** Clauses AND-ed to the time and state clauses (the user's filter, `trace.run_id = '...'`). */
  filters?: readonly string[];
  /** Exclusive lower bound, epoch ms. */
  since?: number;
  /** Inclusive upper bound, epoch ms. */
  until?: number;
  cursor?: TracesCursor;
  /** Traces per request, at most 500. */
  pageSize: number;
  /** How far before the cursor a resumed read looks again, for traces that finished (or arrived) late. */
  overlapMs: number;
  signal?: AbortSignal;
}

export interface TracePage {
  /** Traces not returned before, in (timestamp, trace id) order. */
  traces: TraceInfo[];
  /** Where to resume after this page. */
  cursor: TracesCursor;
}

/**
 * Reads finished traces (state OK or ERROR) page by page in ascending `timestamp_ms`, by keyset rather than offset:
 * each query starts at the last timestamp seen (`trace.timestamp_ms >= t`) and skips the trace ids already returned
 * there, so traces arriving during a read shift nothing and none is returned twice. When more traces than a page
 * share one millisecond the query follows page tokens instead. A resumed read re-queries `overlapMs` before its
 * cursor and skips what the cursor saw, which picks up traces that were still IN_PROGRESS (or not yet ingested)
 * when the cursor was made. Memory is one page plus the ids within the overlap window.
 */
export async function* readTracePages(options: ReadTracePagesOptions): AsyncGenerator<TracePage> {
  const { client, pageSize, overlapMs } = options;
  const floor = options.since === undefined ? Number.NEGATIVE_INFINITY : Math.floor(options.since) + 1;
  /** Returned trace ids with their times, oldest first, trimmed to the overlap window. */
  const recent = new Map<string, number>(options.cursor?.seen ?? []);
  let lower = Math.max(floor, options.cursor === undefined ? floor : options.cursor.after - overlapMs);
  let reached = options.cursor?.after ?? lower;
  let pageToken: string | undefined;
  const orderBy = ['timestamp_ms ASC', 'request_id ASC'];
  for (;;) {
    options.signal?.throwIfAborted();
    const clauses = [...(options.filters ?? []), "trace.status IN ('OK', 'ERROR')"];
    if (Number.isFinite(lower)) clauses.push(`trace.timestamp_ms >= ${lower}`);
    if (options.until !== undefined) clauses.push(`trace.timestamp_ms <= ${Math.floor(options.until)}`);
    const page = await client.searchTraces(
      {
        experimentIds: options.experimentIds,
        filter: clauses.join(' AND '),
        orderBy,
        maxResults: pageSize,
        ...(pageToken ? { pageToken } : {}),
      },
      options.signal ? { signal: options.signal } : {},
    );
    const fresh: TraceInfo[] = [];
    let last = lower;
    for (const trace of page.items) {
      const time = Date.parse(trace.request_time ?? '');
      if (!Number.isNaN(time)) last = Math.max(last, time);
      if (recent.has(trace.trace_id)) continue;
      fresh.push(trace);
      recent.set(trace.trace_id, Number.isNaN(time) ? last : time);
    }
    const full = page.items.length >= pageSize && page.nextPageToken !== undefined;
    if (full && last > lower) {
      lower = last;
      pageToken = undefined;
    } else if (full) {
      // A whole page at one millisecond: keyset cannot move on, so page through that millisecond by token.
      pageToken = page.nextPageToken;
    }
    reached = Math.max(reached, last);
    for (const [id, time] of recent) {
      if (time >= reached - overlapMs) break;
      recent.delete(id);
    }
    if (fresh.length > 0 || !full) yield { traces: fresh, cursor: { after: reached, seen: [...recent] } };
    if (!full) return;
  }
}
