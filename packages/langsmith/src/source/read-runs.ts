import { timeWindowFilter } from '@slokit/adapter-utils';
import { type EvalRecord, type RecordBatch, SlokitError, SourceError } from '@slokit/core';
import type { LangSmithApi } from '../client/langsmith-api.js';
import { mapRun, type RunContext } from '../mapping/map-run.js';
import type { LangSmithTarget } from './resolve-targets.js';
import { decodeRunCursor, encodeRunCursor, type RunCursor, readFingerprint } from './run-cursor.js';

/** The v2 fields a record needs, and nothing else: no inputs, outputs or events. */
export const v2Selects = [
  'ID',
  'START_TIME',
  'END_TIME',
  'LATENCY_SECONDS',
  'STATUS',
  'ERROR',
  'TOTAL_TOKENS',
  'PROMPT_TOKENS',
  'COMPLETION_TOKENS',
  'TOTAL_COST',
  'FEEDBACK_STATS',
  'METADATA',
  'TAGS',
  'PROJECT_ID',
] as const;

/** The same for the legacy API, which has no narrower field for metadata than `extra`. */
export const v1Selects = [
  'id',
  'start_time',
  'end_time',
  'status',
  'error',
  'total_tokens',
  'prompt_tokens',
  'completion_tokens',
  'total_cost',
  'feedback_stats',
  'extra',
  'tags',
  'session_id',
] as const;

/** Pending runs remembered per target, to look at again; past this many they wait for the next read. */
const pendingLimit = 1000;
const epoch = new Date(0).toISOString();

export interface ReadRunsOptions {
  source: string;
  api: LangSmithApi;
  targets: LangSmithTarget[];
  webUrl: string;
  filter: string | undefined;
  rootOnly: boolean;
  pageSize: number;
  /** Which query API to use; set to `v1` for good once the server turns out to lack v2. */
  apiMode: { current: 'v2' | 'v1' };
  since?: Date | undefined;
  until?: Date | undefined;
  cursor?: string | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Streams the runs of each target in `(since, until]` as record batches, one page at a time, newest first.
 * Pending runs are left out and looked at again once their target has been paged through; those that finished by
 * then are records, the others count in a later read. Every batch carries a cursor to resume from. While a batch
 * is consumed, the next page is already on its way (one page of read-ahead).
 */
export async function* readRuns(options: ReadRunsOptions): AsyncGenerator<RecordBatch> {
  const { targets, signal } = options;
  const read = readFingerprint({
    targets: targets.map((target) => target.id),
    since: options.since?.toISOString() ?? null,
    until: options.until?.toISOString() ?? null,
    filter: options.filter ?? null,
    rootOnly: options.rootOnly,
  });
  const resume = options.cursor === undefined ? undefined : decodeRunCursor(options.cursor, read);
  const inWindow = timeWindowFilter(options);

  // Requests run under a signal of our own, so that a read-ahead nobody will use is cancelled when reading stops.
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const requests: ReadRunsOptions = { ...options, signal: controller.signal };
  try {
    for (let index = resume?.target ?? 0; index < targets.length; index++) {
      yield* readTarget({
        options,
        requests,
        index,
        read,
        inWindow,
        resumed: resume?.target === index ? resume : undefined,
      });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    controller.abort();
  }
}

/** One target's part of a read. */
interface TargetRead {
  options: ReadRunsOptions;
  /** The options requests go out with: the read's own signal. */
  requests: ReadRunsOptions;
  index: number;
  /** The read's fingerprint, for cursors. */
  read: string;
  inWindow: (time: number) => boolean;
  /** Where the cursor left this target, when the read resumes in it. */
  resumed: RunCursor | undefined;
}

/** The pages of one target, then its runs that were pending and have finished since. */
async function* readTarget(part: TargetRead): AsyncGenerator<RecordBatch> {
  const { options, requests, index, resumed } = part;
  const target = options.targets[index]!;
  if (resumed && resumed.server !== null && resumed.api !== options.apiMode.current) {
    throw new SourceError(
      options.source,
      `the cursor was made with the ${resumed.api} API; read again without it`,
    );
  }
  const context: RunContext = {
    source: options.source,
    webUrl: options.webUrl,
    tenantId: target.tenantId,
    projectId: target.id,
  };
  let server = resumed?.server ?? null;
  const pending = new Set(resumed?.pending ?? []);
  let previousPage = new Set<string>();
  let readAhead: Promise<Page> | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await (readAhead ?? fetchPage(requests, target, server));
    // Ask for the next page now, so the network works while this one is mapped and consumed.
    readAhead = page.next === null ? undefined : fetchPage(requests, target, page.next);
    readAhead?.catch(() => {});
    const batch: RecordBatch = { records: [], times: [], issues: [] };
    previousPage = mapPage(page.runs, { part, target, context, pending, previousPage, batch });
    server = page.next;
    const done = server === null;
    if (done && pending.size > 0) {
      for (const mapped of await finishedSince(requests, target, [...pending], context)) {
        if (!part.inWindow(mapped.time)) continue;
        batch.records.push(mapped.record);
        batch.times.push(mapped.time);
      }
      pending.clear();
    }
    const api = options.apiMode.current;
    const next: RunCursor = done
      ? { read: part.read, target: index + 1, api, server: null, pending: [] }
      : { read: part.read, target: index, api, server, pending: [...pending] };
    batch.cursor = encodeRunCursor(next);
    if (batch.records.length > 0 || batch.issues.length > 0) yield batch;
    if (done) return;
  }
}

/**
 * Maps one page of runs into `batch`: records in the window, issues for runs slokit cannot use (and for keys it
 * dropped), pending runs remembered. Returns the ids seen on this page.
 */
function mapPage(
  runs: unknown[],
  page: {
    part: TargetRead;
    target: LangSmithTarget;
    context: RunContext;
    pending: Set<string>;
    previousPage: Set<string>;
    batch: RecordBatch;
  },
): Set<string> {
  const { target, context, pending, previousPage, batch } = page;
  const source = context.source;
  const thisPage = new Set<string>();
  const location = (id: string | undefined) => `LangSmith project '${target.name}'${id ? `, run ${id}` : ''}`;
  for (const run of runs) {
    const mapped = mapRun(run, context);
    if (mapped.kind === 'issue') {
      batch.issues.push({ source, location: location(mapped.id), message: mapped.message });
      continue;
    }
    // A page boundary that moved while paging could show a run twice: keep its first sighting.
    if (thisPage.has(mapped.id) || previousPage.has(mapped.id)) continue;
    thisPage.add(mapped.id);
    if (mapped.kind === 'pending') {
      if (pending.size < pendingLimit) pending.add(mapped.id);
      continue;
    }
    pending.delete(mapped.id);
    if (mapped.dropped) {
      const message = `dropped keys that would reach an object prototype: ${mapped.dropped.join(', ')}`;
      batch.issues.push({ source, location: location(mapped.id), message });
    }
    if (!page.part.inWindow(mapped.time)) continue;
    batch.records.push(mapped.record);
    batch.times.push(mapped.time);
  }
  return thisPage;
}

interface Page {
  runs: unknown[];
  next: string | null;
}

/** One page from v2, or from the legacy endpoint when the server has no v2 (it answers 404, 405 or 501). */
async function fetchPage(
  options: ReadRunsOptions,
  target: LangSmithTarget,
  cursor: string | null,
): Promise<Page> {
  if (options.apiMode.current === 'v2') {
    try {
      const page = await options.api.queryRunsV2(v2Body(options, target, { cursor }), options.signal);
      return { runs: page.items, next: page.nextCursor };
    } catch (error) {
      if (!(lacksV2(error) && cursor === null)) throw error;
      options.apiMode.current = 'v1';
    }
  }
  const page = await options.api.queryRunsV1(v1Body(options, target, { cursor }), options.signal);
  return { runs: page.runs, next: page.nextCursor };
}

/** Looks at runs that were pending again, by id; returns those that have finished. */
async function finishedSince(
  options: ReadRunsOptions,
  target: LangSmithTarget,
  ids: string[],
  context: RunContext,
): Promise<Array<{ record: EvalRecord; time: number }>> {
  const finished: Array<{ record: EvalRecord; time: number }> = [];
  const size = options.apiMode.current === 'v2' ? options.pageSize : Math.min(options.pageSize, 100);
  for (let start = 0; start < ids.length; start += size) {
    const chunk = ids.slice(start, start + size);
    const runs =
      options.apiMode.current === 'v2'
        ? (await options.api.queryRunsV2(v2Body(options, target, { ids: chunk }), options.signal)).items
        : (await options.api.queryRunsV1(v1Body(options, target, { ids: chunk }), options.signal)).runs;
    for (const run of runs) {
      const mapped = mapRun(run, context);
      if (mapped.kind === 'record' && chunk.includes(mapped.id)) finished.push(mapped);
    }
  }
  return finished;
}

export function v2Body(
  options: Pick<ReadRunsOptions, 'since' | 'until' | 'filter' | 'rootOnly' | 'pageSize'>,
  target: Pick<LangSmithTarget, 'id'>,
  page: { cursor?: string | null; ids?: string[] },
): Record<string, unknown> {
  return {
    project_ids: [target.id],
    // Without a lower bound the API reads only the last day: an experiment or an unwindowed SLO needs all.
    min_start_time: options.since?.toISOString() ?? epoch,
    ...(options.until ? { max_start_time: options.until.toISOString() } : {}),
    ...(options.rootOnly ? { is_root: true } : {}),
    ...(options.filter ? { filter: options.filter } : {}),
    ...(page.ids ? { ids: page.ids } : {}),
    selects: [...v2Selects],
    // Token counts and costs of a trace live on its LLM runs: ask for the subtree's totals on the root.
    include_subtree_usage: true,
    page_size: page.ids ? Math.max(page.ids.length, 1) : options.pageSize,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

export function v1Body(
  options: Pick<ReadRunsOptions, 'since' | 'until' | 'filter' | 'rootOnly' | 'pageSize'>,
  target: Pick<LangSmithTarget, 'id'>,
  page: { cursor?: string | null; ids?: string[] },
): Record<string, unknown> {
  // The legacy API has a lower bound on start_time but no upper one: the filter language gives it.
  const upper = options.until ? `lte(start_time, "${options.until.toISOString()}")` : undefined;
  const filter = options.filter && upper ? `and(${options.filter}, ${upper})` : (options.filter ?? upper);
  return {
    session: [target.id],
    ...(options.since ? { start_time: options.since.toISOString() } : {}),
    ...(options.rootOnly ? { is_root: true } : {}),
    ...(filter ? { filter } : {}),
    ...(page.ids ? { id: page.ids } : {}),
    select: [...v1Selects],
    limit: Math.min(options.pageSize, 100),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

function lacksV2(error: unknown): boolean {
  const status = (error as { statusCode?: number }).statusCode ?? 0;
  return SlokitError.isInstance(error) && [404, 405, 501].includes(status);
}
