import { parseTimestampMicros } from './timestamps.js';
import {
  callRef,
  latencyMsOf,
  type ProjectStore,
  type StoredCall,
  type StoredFeedback,
  statusOf,
  traceNameOf,
} from './trace-store.js';

/** A request asked for something the server refuses (unknown field, too many filter values): 400. */
export class InvalidRequestError extends Error {}

/** A time value of a call, compared with epoch seconds (the SDKs' and UI's literals) or ISO strings. */
class DateTimeValue {
  constructor(readonly micros: number) {}
}

type Row = Record<string, unknown>;
type Getter<T> = (item: T) => unknown;
export type Predicate<T> = (item: T) => boolean;

const MAX_FILTER_LENGTH = 1000;

const callColumns = new Set([
  'id',
  'project_id',
  'trace_id',
  'parent_id',
  'thread_id',
  'turn_id',
  'op_name',
  'display_name',
  'exception',
  'wb_user_id',
  'wb_run_id',
  'wb_run_step',
  'wb_run_step_end',
]);
const dynamicColumns = new Set(['inputs', 'output', 'attributes', 'summary']);

/** `$getField` over a call: columns, `started_at`/`ended_at`, dotted paths into JSON fields, `summary.weave.*`. */
export function callField(path: string, project: ProjectStore): Getter<StoredCall> {
  if (callColumns.has(path)) return (call) => (call as unknown as Row)[path];
  if (path === 'started_at') return (call) => new DateTimeValue(call.startedMicros);
  if (path === 'ended_at')
    return (call) => (call.endedMicros === null ? null : new DateTimeValue(call.endedMicros));
  if (path === 'deleted_at') return () => null;
  if (path === 'summary.weave.status') return statusOf;
  if (path === 'summary.weave.latency_ms') return (call) => latencyMsOf(call) ?? null;
  if (path === 'summary.weave.trace_name') return traceNameOf;
  if (path.startsWith('feedback.')) return feedbackField(path.slice('feedback.'.length), project);
  const [first, ...rest] = path.split('.');
  if (first !== undefined && dynamicColumns.has(first)) {
    return (call) => walk((call as unknown as Row)[first], rest);
  }
  throw new InvalidRequestError(`Field ${path} is not allowed`);
}

/** `feedback.[<type>].payload.<path>`: the payload of the call's feedback of that type (`*`: any type). */
function feedbackField(path: string, project: ProjectStore): Getter<StoredCall> {
  const match = /^\[(.+)\]\.(payload(?:\.(.+))?|runnable_ref|trigger_ref)$/.exec(path);
  if (!match) throw new InvalidRequestError(`Invalid feedback path: ${path}`);
  const [, type, field, payloadPath] = match;
  return (call) => {
    const list = project.feedbackByRef.get(callRef(call.project_id, call.id)) ?? [];
    const entry = list.find((feedback) => type === '*' || feedback.feedback_type === type);
    if (!entry) return null;
    if (field === 'runnable_ref') return entry.runnable_ref;
    if (field === 'trigger_ref') return entry.trigger_ref;
    return payloadPath ? walk(entry.payload, payloadPath.split('.')) : entry.payload;
  };
}

const feedbackColumns = new Set([
  'id',
  'project_id',
  'weave_ref',
  'feedback_type',
  'creator',
  'wb_user_id',
  'annotation_ref',
  'runnable_ref',
  'call_ref',
  'trigger_ref',
]);

/** `$getField` over a feedback row. */
export function feedbackRowField(path: string): Getter<StoredFeedback> {
  if (feedbackColumns.has(path)) return (row) => (row as unknown as Row)[path] ?? null;
  if (path === 'created_at')
    return (row) => {
      const micros = parseTimestampMicros(row.created_at);
      return micros === undefined ? null : new DateTimeValue(micros);
    };
  if (path === 'payload') return (row) => row.payload;
  if (path.startsWith('payload.')) {
    const rest = path.slice('payload.'.length).split('.');
    return (row) => walk(row.payload, rest);
  }
  throw new InvalidRequestError(`Field ${path} is not allowed`);
}

function walk(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return null;
    current = (current as Row)[segment];
  }
  return current === undefined ? null : current;
}

/** Compiles `{"$expr": ...}` into a predicate. The request was validated already. */
export function compileQuery<T>(query: unknown, field: (path: string) => Getter<T>): Predicate<T> {
  const expression = (query as Row).$expr;
  const evaluate = compileOperand(expression, field);
  return (item) => truthy(evaluate(item));
}

function compileOperand<T>(operand: unknown, field: (path: string) => Getter<T>): Getter<T> {
  const node = operand as Row;
  if ('$literal' in node) {
    const value = node.$literal;
    return () => value;
  }
  if ('$getField' in node) return field(node.$getField as string);
  if ('$convert' in node) {
    const spec = node.$convert as Row;
    const input = compileOperand(spec.input, field);
    const to = spec.to as string;
    return (item) => convert(input(item), to);
  }
  const [operator, argument] = Object.entries(node)[0]!;
  switch (operator) {
    case '$and': {
      const parts = (argument as unknown[]).map((part) => compileOperand(part, field));
      return (item) => parts.every((part) => truthy(part(item)));
    }
    case '$or': {
      const parts = (argument as unknown[]).map((part) => compileOperand(part, field));
      return (item) => parts.some((part) => truthy(part(item)));
    }
    case '$not': {
      const inner = compileOperand((argument as unknown[])[0], field);
      return (item) => !truthy(inner(item));
    }
    case '$eq':
    case '$gt':
    case '$gte': {
      const [leftOperand, rightOperand] = argument as [unknown, unknown];
      const left = compileOperand(leftOperand, field);
      const right = compileOperand(rightOperand, field);
      if (operator === '$eq') return (item) => equals(left(item), right(item));
      if (operator === '$gt') return (item) => compare(left(item), right(item)) > 0;
      return (item) => compare(left(item), right(item)) >= 0;
    }
    case '$in': {
      const [leftOperand, options] = argument as [unknown, unknown[]];
      const left = compileOperand(leftOperand, field);
      const candidates = options.map((option) => compileOperand(option, field));
      return (item) => {
        const value = left(item);
        return candidates.some((candidate) => equals(value, candidate(item)));
      };
    }
    case '$contains': {
      const spec = argument as Row;
      const input = compileOperand(spec.input, field);
      const substr = compileOperand(spec.substr, field);
      const insensitive = spec.case_insensitive === true;
      return (item) => {
        const haystack = scalarText(input(item));
        const needle = scalarText(substr(item));
        return insensitive
          ? haystack.toLowerCase().includes(needle.toLowerCase())
          : haystack.includes(needle);
      };
    }
    default:
      throw new InvalidRequestError(`Unknown operation ${operator}`);
  }
}

function truthy(value: unknown): boolean {
  return value === true || (typeof value === 'number' && value !== 0);
}

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof DateTimeValue) return String(value.micros / 1e6);
  return typeof value === 'object' ? '' : String(value);
}

function convert(value: unknown, to: string): unknown {
  if (to === 'exists') return value !== null && value !== undefined;
  if (value === null || value === undefined) return null;
  if (value instanceof DateTimeValue) value = value.micros / 1e6;
  switch (to) {
    case 'double': {
      const number = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(number) ? number : null;
    }
    case 'int': {
      const number = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(number) ? Math.trunc(number) : null;
    }
    case 'bool':
      return value === true || value === 'true' || value === 1 || value === '1';
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** Puts both sides on one scale: times as epoch microseconds, numeric strings as numbers. */
function normalizePair(left: unknown, right: unknown): [unknown, unknown] {
  if (left instanceof DateTimeValue || right instanceof DateTimeValue) {
    return [timeMicros(left), timeMicros(right)];
  }
  if (
    typeof left === 'number' &&
    typeof right === 'string' &&
    right.trim() !== '' &&
    Number.isFinite(Number(right))
  )
    return [left, Number(right)];
  if (
    typeof right === 'number' &&
    typeof left === 'string' &&
    left.trim() !== '' &&
    Number.isFinite(Number(left))
  )
    return [Number(left), right];
  return [left, right];
}

function timeMicros(value: unknown): number | null {
  if (value instanceof DateTimeValue) return value.micros;
  if (typeof value === 'number') return Math.round(value * 1e6);
  if (typeof value === 'string') return parseTimestampMicros(value) ?? null;
  return null;
}

function equals(left: unknown, right: unknown): boolean {
  if (right === null || right === undefined) return left === null || left === undefined;
  const [a, b] = normalizePair(left, right);
  return a === b;
}

/** 1, 0 or -1; values that do not compare (null, mixed types) give NaN, so no comparison holds. */
function compare(left: unknown, right: unknown): number {
  const [a, b] = normalizePair(left, right);
  if (a === null || a === undefined || b === null || b === undefined) return Number.NaN;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return Number.NaN;
}

/** Sorts by `sort_by` (nulls last), keeping the input's order between equal keys. */
export function sortRows<T>(
  rows: T[],
  sortBy: Array<{ field: string; direction: 'asc' | 'desc' }>,
  field: (path: string) => Getter<T>,
): T[] {
  const keys = sortBy.map((entry) => ({
    get: field(entry.field),
    sign: entry.direction === 'desc' ? -1 : 1,
  }));
  const decorated = rows.map((row, index) => ({
    row,
    index,
    values: keys.map((key) => sortable(key.get(row))),
  }));
  decorated.sort((a, b) => {
    for (let index = 0; index < keys.length; index++) {
      const left = a.values[index];
      const right = b.values[index];
      if (left === right) continue;
      if (left === null) return 1;
      if (right === null) return -1;
      const order =
        typeof left === 'number' && typeof right === 'number'
          ? left - right
          : String(left) < String(right)
            ? -1
            : String(left) > String(right)
              ? 1
              : 0;
      if (order !== 0) return order * keys[index]!.sign;
    }
    return a.index - b.index;
  });
  return decorated.map((entry) => entry.row);
}

function sortable(value: unknown): number | string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof DateTimeValue) return value.micros;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return Number(value);
  return JSON.stringify(value);
}

export interface CallsFilter {
  op_names?: string[] | null;
  input_refs?: string[] | null;
  output_refs?: string[] | null;
  parent_ids?: string[] | null;
  trace_ids?: string[] | null;
  call_ids?: string[] | null;
  thread_ids?: string[] | null;
  turn_ids?: string[] | null;
  trace_roots_only?: boolean | null;
  wb_user_ids?: string[] | null;
  wb_run_ids?: string[] | null;
}

/** The `filter` of a calls query: exact lists, `op_names` with a trailing `:*` for any digest. */
export function compileCallsFilter(filter: CallsFilter | null | undefined): Predicate<StoredCall> {
  if (!filter) return () => true;
  const checks: Array<Predicate<StoredCall>> = [];
  for (const [key, value] of Object.entries(filter)) {
    if (Array.isArray(value) && value.length > MAX_FILTER_LENGTH)
      throw new InvalidRequestError(`${key} has ${value.length} items; the limit is ${MAX_FILTER_LENGTH}`);
  }
  if (filter.op_names && filter.op_names.length > 0) {
    const exact = new Set(filter.op_names.filter((name) => !name.endsWith(':*')));
    const prefixes = filter.op_names.filter((name) => name.endsWith(':*')).map((name) => name.slice(0, -1));
    checks.push(
      (call) => exact.has(call.op_name) || prefixes.some((prefix) => call.op_name.startsWith(prefix)),
    );
  }
  const membership = (values: string[] | null | undefined, get: (call: StoredCall) => string | null) => {
    if (!values || values.length === 0) return;
    const set = new Set(values);
    checks.push((call) => {
      const value = get(call);
      return value !== null && set.has(value);
    });
  };
  membership(filter.parent_ids, (call) => call.parent_id);
  membership(filter.trace_ids, (call) => call.trace_id);
  membership(filter.call_ids, (call) => call.id);
  membership(filter.thread_ids, (call) => call.thread_id);
  membership(filter.turn_ids, (call) => call.turn_id);
  membership(filter.wb_user_ids, (call) => call.wb_user_id);
  membership(filter.wb_run_ids, (call) => call.wb_run_id);
  if (filter.trace_roots_only) checks.push((call) => call.parent_id === null);
  const refs = (values: string[] | null | undefined, get: (call: StoredCall) => unknown) => {
    if (!values || values.length === 0) return;
    checks.push((call) => {
      const text = JSON.stringify(get(call)) ?? '';
      return values.some((ref) => text.includes(ref));
    });
  };
  refs(filter.input_refs, (call) => call.inputs);
  refs(filter.output_refs, (call) => call.output);
  return (call) => checks.every((check) => check(call));
}

/**
 * The lowest `started_at` (epoch µs) a query admits, read from top-level `$gt`/`$gte` conditions on `started_at`
 * with a literal, so a scan over calls sorted by start time can skip ahead. Undefined when there is none.
 */
export function startedAtLowerBound(query: unknown): number | undefined {
  const expression = (query as Row | undefined)?.$expr as Row | undefined;
  if (!expression) return undefined;
  const conditions = '$and' in expression ? (expression.$and as Row[]) : [expression];
  let bound: number | undefined;
  for (const condition of conditions) {
    const pair = (condition.$gt ?? condition.$gte) as [Row, Row] | undefined;
    if (!Array.isArray(pair) || pair.length !== 2) continue;
    const [left, right] = pair;
    if (left?.$getField !== 'started_at' || right === undefined || !('$literal' in right)) continue;
    const micros = timeMicros(right.$literal);
    if (micros === null) continue;
    bound = bound === undefined ? micros : Math.max(bound, micros);
  }
  return bound;
}
