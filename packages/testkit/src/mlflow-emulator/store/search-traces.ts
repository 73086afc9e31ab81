import { invalidParameter, missingParameter } from '../emulator-error.js';
import { decodePageToken, encodePageToken } from '../page-token.js';
import { type FilterClause, parseOrderBy, parseSearchFilter } from '../search-filter.js';
import { omitEmpty, traceInfoJson } from './mlflow-json.js';
import { chain, compareBy, lowerBound } from './ordering.js';
import { asObject, integerField, type Json, stringField, stringList } from './request-fields.js';
import type { StoredTrace } from './stored-records.js';
import { tracePredicate } from './trace-predicate.js';

/** Per experiment, traces sorted by (timestamp_ms, trace_id). */
export type TracesByExperiment = ReadonlyMap<string, StoredTrace[]>;

interface TraceSearch {
  experimentIds: string[];
  filter: string | undefined;
  orderBy: string[];
  maxResults: number;
  offset: number;
}

interface TraceOrder {
  key: string;
  ascending: boolean;
}

const orderKeys = [
  'timestamp_ms',
  'execution_time_ms',
  'status',
  'name',
  'request_id',
  'run_id',
  'experiment_id',
];

/** traces/search v3: the response body already serialized, from each trace's cached JSON (the benchmarks' hot path). */
export function searchTraces(traces: TracesByExperiment, body: Json): string {
  if (body.locations === undefined) throw missingParameter('locations');
  const experimentIds = (Array.isArray(body.locations) ? body.locations : [])
    .map((location) => stringField(asObject(asObject(location).mlflow_experiment), 'experiment_id'))
    .filter((id): id is string => id !== undefined);
  const maxResults = integerField(body, 'max_results') ?? 100;
  if (maxResults <= 0 || maxResults > 500) {
    throw invalidParameter(
      `Invalid value ${maxResults} for parameter 'max_results' supplied:  Hint: Value was of type 'int'. See the API docs for more information about request parameters.`,
    );
  }
  const offset = decodePageToken(stringField(body, 'page_token'));
  const filter = stringField(body, 'filter');
  const page = findTraces(traces, {
    experimentIds,
    filter,
    orderBy: stringList(body.order_by),
    maxResults,
    offset,
  });
  // traces/search returns a token on every full page, even when nothing is left.
  const token = page.length === maxResults ? encodePageToken(offset + maxResults) : undefined;
  if (page.length === 0) return '{}';
  const lines = page.map((trace) => (trace.cachedJson ??= JSON.stringify(traceInfoJson(trace, true))));
  return `{"traces":[${lines.join(',')}]${token === undefined ? '' : `,"next_page_token":"${token}"`}}`;
}

/** GET /api/2.0/mlflow/traces: the legacy v2 search, in the v2 trace shape. */
export function searchTracesV2(traces: TracesByExperiment, query: URLSearchParams): Json {
  const maxResults = Number(query.get('max_results') ?? '100');
  const offset = decodePageToken(query.get('page_token') ?? undefined);
  const page = findTraces(traces, {
    experimentIds: query.getAll('experiment_ids'),
    filter: query.get('filter') ?? undefined,
    orderBy: query.getAll('order_by'),
    maxResults,
    offset,
  });
  return omitEmpty({
    traces: page.map((trace) =>
      omitEmpty({
        request_id: trace.traceId,
        experiment_id: trace.experimentId,
        timestamp_ms: trace.timestampMs,
        execution_time_ms: trace.executionMs,
        status: trace.state,
        request_metadata: Object.entries(trace.metadata).map(([key, value]) => ({ key, value })),
        tags: Object.entries(trace.tags).map(([key, value]) => ({ key, value })),
      }),
    ),
    next_page_token: page.length === maxResults ? encodePageToken(offset + maxResults) : undefined,
  });
}

/** One page of the traces a search matches, newest first unless ordered otherwise. */
function findTraces(traces: TracesByExperiment, search: TraceSearch): StoredTrace[] {
  const clauses = parseSearchFilter(search.filter);
  const predicates = clauses.map((clause) => tracePredicate(clause));
  const order = search.orderBy.map((entry): TraceOrder => {
    const parsed = parseOrderBy(entry);
    const key = parsed.key === 'timestamp' ? 'timestamp_ms' : parsed.key;
    if (!orderKeys.includes(key)) throw invalidParameter(`Invalid order_by key '${parsed.key}'`);
    return { key, ascending: parsed.ascending };
  });
  const lists = search.experimentIds
    .map((id) => traces.get(id))
    .filter((list): list is StoredTrace[] => list !== undefined);
  const matches = (trace: StoredTrace) => predicates.every((predicate) => predicate(trace));
  const byTime =
    order.length === 0 ||
    (order[0]!.key === 'timestamp_ms' &&
      (order.length === 1 || (order.length === 2 && order[1]!.key === 'request_id')));
  if (lists.length === 1 && byTime) {
    return walkByTime(lists[0]!, matches, timestampBounds(clauses), order[0]?.ascending ?? false, search);
  }
  const all = lists.flat().filter(matches);
  const comparators = order.map(({ key, ascending }) => compareBy(traceSortValue(key), ascending));
  if (order.length === 0) comparators.push(compareBy(traceSortValue('timestamp_ms'), false));
  comparators.push(compareBy(traceSortValue('request_id'), true));
  all.sort(chain(comparators));
  return all.slice(search.offset, search.offset + search.maxResults);
}

/** Walks one experiment's time-sorted list from the time bounds; request_id ASC breaks ties either way. */
function walkByTime(
  list: StoredTrace[],
  matches: (trace: StoredTrace) => boolean,
  bounds: { min: number; max: number },
  ascending: boolean,
  search: { offset: number; maxResults: number },
): StoredTrace[] {
  const page: StoredTrace[] = [];
  let skipped = 0;
  const take = (trace: StoredTrace): boolean => {
    if (!matches(trace)) return false;
    if (skipped < search.offset) skipped++;
    else page.push(trace);
    return page.length >= search.maxResults;
  };
  const low = lowerBound(list, (trace) => trace.timestampMs < bounds.min);
  const high = lowerBound(list, (trace) => trace.timestampMs <= bounds.max);
  if (ascending) {
    for (let index = low; index < high; index++) if (take(list[index]!)) break;
    return page;
  }
  let end = high;
  outer: while (end > low) {
    let start = end - 1;
    const time = list[start]!.timestampMs;
    while (start > low && list[start - 1]!.timestampMs === time) start--;
    for (let index = start; index < end; index++) if (take(list[index]!)) break outer;
    end = start;
  }
  return page;
}

function traceSortValue(key: string): (trace: StoredTrace) => string | number | undefined {
  switch (key) {
    case 'timestamp_ms':
      return (trace) => trace.timestampMs;
    case 'execution_time_ms':
      return (trace) => trace.executionMs;
    case 'status':
      return (trace) => trace.state;
    case 'name':
      return (trace) => trace.tags['mlflow.traceName'];
    case 'run_id':
      return (trace) => trace.metadata['mlflow.sourceRun'];
    case 'experiment_id':
      return (trace) => Number(trace.experimentId);
    default:
      return (trace) => trace.traceId;
  }
}

/** The timestamp range the AND-ed clauses allow, so time-bounded searches walk only that slice. */
function timestampBounds(clauses: FilterClause[]): { min: number; max: number } {
  let min = Number.NEGATIVE_INFINITY;
  let max = Number.POSITIVE_INFINITY;
  for (const clause of clauses) {
    if (!['', 'trace', 'attribute', 'attributes'].includes(clause.prefix)) continue;
    if (clause.key !== 'timestamp_ms' && clause.key !== 'timestamp') continue;
    if (clause.value.kind !== 'number') continue;
    const value = clause.value.value;
    if (clause.comparator === '>') min = Math.max(min, Math.floor(value) + 1);
    else if (clause.comparator === '>=') min = Math.max(min, Math.ceil(value));
    else if (clause.comparator === '<') max = Math.min(max, Math.ceil(value) - 1);
    else if (clause.comparator === '<=') max = Math.min(max, Math.floor(value));
    else if (clause.comparator === '=') {
      min = Math.max(min, value);
      max = Math.min(max, value);
    }
  }
  return { min, max };
}
