import type { EvalRecord, RecordIssue } from '@slokit/core';
import { allOf, type Operation, startedAtAtLeast, startedAtAtMost } from '../client/call-query.js';
import type { TraceServerClient } from '../client/trace-server-client.js';
import type { CallsQueryRequest } from '../client/trace-server-types.js';
import type { MappedCall } from '../mapping/mapped-call.js';
import type { CallsCursor } from './calls-cursor.js';
import { SeenCalls } from './seen-calls.js';

export interface CallPagesOptions {
  client: TraceServerClient;
  /** The query without paging: project, filter, columns, include_costs, include_feedback. */
  request: Omit<CallsQueryRequest, 'query' | 'sort_by' | 'limit' | 'offset'>;
  map: (call: unknown) => MappedCall;
  pageSize: number;
  overlapMs: number;
  /** Exclusive, epoch ms. */
  since?: number;
  /** Inclusive, epoch ms. */
  until?: number;
  cursor?: CallsCursor;
  /** Kept in cursors (the evaluation run being read). */
  evaluation?: string;
  /** Where issues say a bad call was found. */
  location: string;
  source: string;
  signal?: AbortSignal;
}

export interface CallPage {
  records: EvalRecord[];
  times: number[];
  issues: RecordIssue[];
  cursor: () => CallsCursor;
}

const maxPending = 1000;

/**
 * Reads calls page by page in `started_at` order (then id), each page a `/calls/stream_query` request whose lines
 * are mapped as they arrive. The next page starts at the last start time read (inclusive: calls that share it are
 * told apart by id), so calls are returned once each. A page that breaks off is read again whole, with the client's
 * retry policy; its calls count only once it is complete. Running calls are not returned but remembered, and a
 * read resumed from a cursor returns them once they have ended, and looks `overlapMs` back for calls that arrived
 * late.
 */
export async function* readCallPages(options: CallPagesOptions): AsyncGenerator<CallPage> {
  const pager = new CallPager(options);
  // Calls that were running when the cursor was made: those that have ended since come first.
  if (options.cursor && pager.pendingCount > 0) {
    const ended = await pager.endedPendingCalls();
    if (ended.records.length > 0 || ended.issues.length > 0) yield ended;
  }
  yield* pager.pages();
}

/** What a read has seen so far (returned, running and the frontier), and how it turns calls into pages. */
class CallPager {
  private readonly seen: SeenCalls;
  private readonly pending: Map<string, number>;
  private frontier: number;

  constructor(private readonly options: CallPagesOptions) {
    this.seen = new SeenCalls(options.cursor?.seen);
    this.pending = new Map(options.cursor?.pending);
    this.frontier = options.cursor?.frontier ?? Number.NEGATIVE_INFINITY;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** The calls remembered as running, read again by id: those that ended since, as one page. */
  async endedPendingCalls(): Promise<CallPage> {
    const { client, request, signal } = this.options;
    const page = this.emptyPage();
    const ids = [...this.pending.keys()];
    for (let start = 0; start < ids.length; start += maxPending) {
      const chunk = ids.slice(start, start + maxPending);
      const calls = await client.queryCalls(
        { ...request, filter: { ...request.filter, call_ids: chunk }, limit: chunk.length },
        signal,
      );
      for (const raw of calls) {
        const mapped = this.options.map(raw);
        if (mapped.kind === 'running') continue;
        if (mapped.callId !== undefined) this.pending.delete(mapped.callId);
        if (mapped.kind === 'invalid') {
          page.issues.push(this.issue(mapped.message, mapped.callId));
          continue;
        }
        if (this.seen.has(mapped.callId) || !this.inWindow(mapped.time)) continue;
        this.seen.add(mapped.callId, mapped.time);
        this.addRecord(page, mapped);
      }
    }
    return { ...page, cursor: this.snapshot() };
  }

  /** Every page from the cursor's frontier (or `since`) on; the last one always, even when empty. */
  async *pages(): AsyncGenerator<CallPage> {
    const { options } = this;
    let lower = options.cursor ? options.cursor.frontier - options.overlapMs : options.since;
    let limit = options.pageSize;
    for (;;) {
      options.signal?.throwIfAborted();
      const request = this.pageRequest(lower, limit);
      const read = await options.client.withRetry(
        () => readPage(options.client, request, options.map, this.seen, options.signal),
        options.signal,
      );
      const { page, fresh } = this.absorb(read.mapped);
      const last = read.count < limit;
      if (!last) {
        if (Number.isFinite(this.frontier)) {
          this.seen.forgetBefore(this.frontier - Math.max(options.overlapMs, 1));
          lower = this.frontier - 1;
        }
        // A full page of calls already read (more calls share one start time than a page holds): widen the page.
        limit = fresh === 0 ? limit * 2 : options.pageSize;
      }
      if (last || page.records.length > 0 || page.issues.length > 0)
        yield { ...page, cursor: this.snapshot() };
      if (last) return;
    }
  }

  private pageRequest(lower: number | undefined, limit: number): CallsQueryRequest {
    const { until } = this.options;
    const conditions: Operation[] = [];
    if (lower !== undefined) conditions.push(startedAtAtLeast(lower));
    // One ms of slack: the server compares microseconds; the exact (since, until] cut is made here.
    if (until !== undefined) conditions.push(startedAtAtMost(until + 1));
    const query = allOf(conditions);
    return {
      ...this.options.request,
      ...(query ? { query } : {}),
      sort_by: [
        { field: 'started_at', direction: 'asc' },
        { field: 'id', direction: 'asc' },
      ],
      limit,
    };
  }

  /** A page's calls as records and issues, moving the frontier; `fresh` counts the calls not seen before. */
  private absorb(mappedCalls: MappedCall[]): { page: Omit<CallPage, 'cursor'>; fresh: number } {
    const page = this.emptyPage();
    let fresh = 0;
    for (const mapped of mappedCalls) {
      if (mapped.kind === 'invalid') {
        if (mapped.time !== undefined && mapped.time > this.frontier) this.frontier = mapped.time;
        if (mapped.callId !== undefined) {
          if (this.seen.has(mapped.callId)) continue;
          this.seen.add(mapped.callId, mapped.time ?? (Number.isFinite(this.frontier) ? this.frontier : 0));
        }
        page.issues.push(this.issue(mapped.message, mapped.callId));
        fresh++;
        continue;
      }
      if (mapped.time > this.frontier) this.frontier = mapped.time;
      if (mapped.kind === 'running') {
        if (!this.pending.has(mapped.callId)) fresh++;
        this.remember(mapped.callId, mapped.time);
        continue;
      }
      if (this.seen.has(mapped.callId)) continue;
      fresh++;
      this.seen.add(mapped.callId, mapped.time);
      if (this.inWindow(mapped.time)) this.addRecord(page, mapped);
    }
    return { page, fresh };
  }

  /** A running call in the window, to look at again on resume (the oldest forgotten past the limit). */
  private remember(callId: string, time: number): void {
    if (!this.inWindow(time)) return;
    this.pending.set(callId, time);
    if (this.pending.size > maxPending) this.pending.delete(this.pending.keys().next().value!);
  }

  private addRecord(page: Omit<CallPage, 'cursor'>, mapped: MappedCall & { kind: 'record' }): void {
    page.records.push(mapped.record);
    page.times.push(mapped.time);
    if (mapped.dropped) {
      page.issues.push(
        this.issue(
          `dropped keys that would reach an object prototype: ${mapped.dropped.join(', ')}`,
          mapped.callId,
        ),
      );
    }
  }

  private inWindow(time: number): boolean {
    const { since, until } = this.options;
    return (since === undefined || time > since) && (until === undefined || time <= until);
  }

  private issue(message: string, id: string | undefined): RecordIssue {
    const { location, source } = this.options;
    return { source, location: id === undefined ? location : `${location}, call ${id}`, message };
  }

  private emptyPage(): Omit<CallPage, 'cursor'> {
    return { records: [], times: [], issues: [] };
  }

  /** The cursor as things stand now, encoded only when someone asks for it. */
  private snapshot(): () => CallsCursor {
    const seenNow = this.seen.snapshot();
    const pendingNow = [...this.pending.entries()];
    const frontierNow = this.frontier;
    const { since, evaluation } = this.options;
    return () => ({
      frontier: Number.isFinite(frontierNow) ? frontierNow : (since ?? 0),
      seen: seenNow(),
      pending: pendingNow,
      ...(evaluation === undefined ? {} : { evaluation }),
    });
  }
}

/** One page, mapped line by line as it streams in. Nothing is kept from a page that breaks off. */
async function readPage(
  client: TraceServerClient,
  request: CallsQueryRequest,
  map: (call: unknown) => MappedCall,
  seen: SeenCalls,
  signal: AbortSignal | undefined,
): Promise<{ mapped: MappedCall[]; count: number }> {
  const mapped: MappedCall[] = [];
  let count = 0;
  for await (const entry of client.streamCalls(request, signal)) {
    count++;
    const id =
      entry.value !== null && typeof entry.value === 'object'
        ? (entry.value as { id?: unknown }).id
        : undefined;
    // Calls read on an earlier page (they share its last start time) need no mapping.
    if (typeof id === 'string' && seen.has(id)) continue;
    mapped.push(map(entry.value));
  }
  return { mapped, count };
}
