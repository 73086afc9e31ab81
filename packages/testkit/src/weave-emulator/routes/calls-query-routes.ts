import {
  type CallsFilter,
  callField,
  compileCallsFilter,
  compileQuery,
  sortRows,
  startedAtLowerBound,
} from '../call-query.js';
import { callsQueryRequest, callsQueryStatsRequest } from '../request-shapes.js';
import { requiredCallColumns, type StoredCall } from '../trace-store.js';
import {
  jsonLines,
  nonNegative,
  ok,
  type ProjectLookup,
  type RequestBody,
  type WeaveRouter,
} from './weave-route.js';

type SortBy = Array<{ field: string; direction: 'asc' | 'desc' }>;

/** Call queries: `calls/stream_query` (JSON Lines) and `calls/query_stats` (the count). */
export function addCallsQueryRoutes(router: WeaveRouter, project: ProjectLookup): void {
  router.on('POST', '/calls/stream_query', {
    shape: callsQueryRequest,
    handle: (body) => jsonLines(streamQuery(project, body as RequestBody)),
  });
  router.on('POST', '/calls/query_stats', {
    shape: callsQueryStatsRequest,
    handle: (body) => {
      const request = body as RequestBody;
      const limit = nonNegative(request.limit, 'limit');
      const count = matchingCalls(project, request).length;
      return ok({ count: limit === undefined ? count : Math.min(count, limit) });
    },
  });
}

/** Finds the calls now (so a bad query is a 4xx answer), and serializes them line by line as they are sent. */
function streamQuery(project: ProjectLookup, body: RequestBody): Iterable<string> {
  const sortBy = (body.sort_by as SortBy | null | undefined) ?? [];
  const offset = nonNegative(body.offset, 'offset') ?? 0;
  const limit = nonNegative(body.limit, 'limit');
  const inStartOrder =
    sortBy.length === 0 ||
    (sortBy[0]!.field === 'started_at' &&
      sortBy[0]!.direction === 'asc' &&
      (sortBy.length === 1 ||
        (sortBy.length === 2 && sortBy[1]!.field === 'id' && sortBy[1]!.direction === 'asc')));
  const store = project(body.project_id as string);
  let calls = matchingCalls(project, body, inStartOrder && limit !== undefined ? offset + limit : undefined);
  if (!inStartOrder) calls = sortRows(calls, sortBy, (path) => callField(path, store));
  calls = calls.slice(offset, limit === undefined ? undefined : offset + limit);
  const columns = selectedColumns(body);
  const options = {
    includeCosts: body.include_costs === true,
    includeFeedback: body.include_feedback === true,
    ...(columns ? { columns } : {}),
  };
  const optionsKey = `${options.includeCosts}|${options.includeFeedback}|${columns ? [...columns].sort().join(',') : '*'}`;
  return (function* () {
    for (const call of calls) yield store.callLine(call, options, optionsKey);
  })();
}

/** The calls a query's `filter` and `query` match, in start order; at most `stopAfter` of them. */
function matchingCalls(project: ProjectLookup, body: RequestBody, stopAfter?: number): StoredCall[] {
  const store = project(body.project_id as string);
  const filter = compileCallsFilter(body.filter as CallsFilter | null | undefined);
  const query = body.query
    ? compileQuery<StoredCall>(body.query, (path) => callField(path, store))
    : () => true;
  const sorted = store.sortedCalls();
  const lower = body.query ? startedAtLowerBound(body.query) : undefined;
  let start = 0;
  if (lower !== undefined) {
    // Binary search for the first call that can satisfy the lower bound (1 µs of slack for float literals).
    let high = sorted.length;
    while (start < high) {
      const middle = (start + high) >>> 1;
      if (sorted[middle]!.startedMicros < lower - 1) start = middle + 1;
      else high = middle;
    }
  }
  const matched: StoredCall[] = [];
  for (let index = start; index < sorted.length; index++) {
    const call = sorted[index]!;
    if (filter(call) && query(call)) {
      matched.push(call);
      if (stopAfter !== undefined && matched.length >= stopAfter) break;
    }
  }
  return matched;
}

/** The top-level fields `columns` asks for, with those every call carries and those `summary.weave` needs. */
function selectedColumns(body: RequestBody): Set<string> | undefined {
  const requested = body.columns as string[] | null | undefined;
  if (!requested || requested.length === 0) return undefined;
  const columns = new Set([...requested.map((column) => column.split('.')[0]!), ...requiredCallColumns]);
  if (columns.has('summary') || body.include_costs === true || body.include_feedback === true) {
    for (const column of ['summary', 'ended_at', 'exception', 'display_name']) columns.add(column);
  }
  return columns;
}
