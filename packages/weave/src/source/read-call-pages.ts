import type { EvalRecord, RecordIssue } from '@slokit/core';
import type { MappedCall } from '../mapping/mapped-call.js';
import { allOf, type Operation, startedAtAtLeast, startedAtAtMost } from '../trace-server/call-query.js';
import type { TraceServerClient } from '../trace-server/trace-server-client.js';
import type { CallsQueryRequest } from '../trace-server/trace-server-types.js';
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
  const { client, signal } = options;
  const since = options.since;
  const until = options.until;
  const inWindow = (time: number) =>
    (since === undefined || time > since) && (until === undefined || time <= until);
  const seen = new SeenCalls(options.cursor?.seen);
  const pending = new Map<string, number>(options.cursor?.pending);
  let frontier = options.cursor?.frontier ?? Number.NEGATIVE_INFINITY;
  const snapshot = (): (() => CallsCursor) => {
    const seenNow = seen.snapshot();
    const pendingNow = [...pending.entries()];
    const frontierNow = frontier;
    return () => ({
      frontier: Number.isFinite(frontierNow) ? frontierNow : (since ?? 0),
      seen: seenNow(),
      pending: pendingNow,
      ...(options.evaluation === undefined ? {} : { evaluation: options.evaluation }),
    });
  };
  const issue = (message: string, id: string | undefined): RecordIssue => ({
    source: options.source,
    location: id === undefined ? options.location : `${options.location}, call ${id}`,
    message,
  });

  // Calls that were running when the cursor was made: those that have ended since come first.
  if (options.cursor && pending.size > 0) {
    const ids = [...pending.keys()];
    const records: EvalRecord[] = [];
    const times: number[] = [];
    const issues: RecordIssue[] = [];
    for (let start = 0; start < ids.length; start += maxPending) {
      const chunk = ids.slice(start, start + maxPending);
      const calls = await client.queryCalls(
        { ...options.request, filter: { ...options.request.filter, call_ids: chunk }, limit: chunk.length },
        signal,
      );
      for (const raw of calls) {
        const mapped = options.map(raw);
        if (mapped.kind === 'running') continue;
        if (mapped.callId !== undefined) pending.delete(mapped.callId);
        if (mapped.kind === 'invalid') {
          issues.push(issue(mapped.message, mapped.callId));
          continue;
        }
        if (!seen.has(mapped.callId) && inWindow(mapped.time)) {
          seen.add(mapped.callId, mapped.time);
          records.push(mapped.record);
          times.push(mapped.time);
        }
      }
    }
    if (records.length > 0 || issues.length > 0) yield { records, times, issues, cursor: snapshot() };
  }

  let lower = options.cursor ? options.cursor.frontier - options.overlapMs : since;
  let limit = options.pageSize;
  for (;;) {
    signal?.throwIfAborted();
    const conditions: Operation[] = [];
    if (lower !== undefined) conditions.push(startedAtAtLeast(lower));
    // One ms of slack: the server compares microseconds; the exact (since, until] cut is made here.
    if (until !== undefined) conditions.push(startedAtAtMost(until + 1));
    const query = allOf(conditions);
    const request: CallsQueryRequest = {
      ...options.request,
      ...(query ? { query } : {}),
      sort_by: [
        { field: 'started_at', direction: 'asc' },
        { field: 'id', direction: 'asc' },
      ],
      limit,
    };
    const page = await client.withRetry(() => readPage(client, request, options.map, seen, signal), signal);

    let fresh = 0;
    const records: EvalRecord[] = [];
    const times: number[] = [];
    const issues: RecordIssue[] = [];
    for (const mapped of page.mapped) {
      if (mapped.kind === 'invalid') {
        if (mapped.time !== undefined && mapped.time > frontier) frontier = mapped.time;
        if (mapped.callId !== undefined) {
          if (seen.has(mapped.callId)) continue;
          seen.add(mapped.callId, mapped.time ?? (Number.isFinite(frontier) ? frontier : 0));
        }
        issues.push(issue(mapped.message, mapped.callId));
        fresh++;
        continue;
      }
      if (mapped.time > frontier) frontier = mapped.time;
      if (mapped.kind === 'running') {
        if (!pending.has(mapped.callId)) fresh++;
        if (inWindow(mapped.time)) {
          pending.set(mapped.callId, mapped.time);
          if (pending.size > maxPending) pending.delete(pending.keys().next().value!);
        }
        continue;
      }
      const id = mapped.callId;
      if (seen.has(id)) continue;
      fresh++;
      seen.add(id, mapped.time);
      if (!inWindow(mapped.time)) continue;
      records.push(mapped.record);
      times.push(mapped.time);
    }
    const last = page.count < limit;
    if (!last) {
      if (Number.isFinite(frontier)) {
        seen.forgetBefore(frontier - Math.max(options.overlapMs, 1));
        lower = frontier - 1;
      }
      // A full page of calls already read (more calls share one start time than a page holds): widen the page.
      limit = fresh === 0 ? limit * 2 : options.pageSize;
    }
    if (last || records.length > 0 || issues.length > 0) {
      yield { records, times, issues, cursor: snapshot() };
    }
    if (last) return;
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
