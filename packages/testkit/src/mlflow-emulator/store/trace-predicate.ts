import { invalidParameter } from '../emulator-error.js';
import {
  type FilterClause,
  matchNumber,
  matchString,
  numericComparators,
  stringComparators,
} from '../search-filter.js';
import type { StoredTrace } from './stored-records.js';

type TracePredicate = (trace: StoredTrace) => boolean;

const traceAttributeKeys = new Set([
  'text',
  'run_id',
  'execution_time_ms',
  'status',
  'end_time_ms',
  'request_id',
  'execution_time',
  'end_time',
  'timestamp',
  'name',
  'timestamp_ms',
  'client_request_id',
]);
const numericAttributes = [
  'timestamp_ms',
  'timestamp',
  'execution_time_ms',
  'execution_time',
  'end_time_ms',
  'end_time',
];
const listAttributes = ['status', 'name', 'request_id', 'run_id', 'client_request_id'];

/** One clause of a traces/search filter as a test of a trace: attributes, tags, metadata or assessments. */
export function tracePredicate(clause: FilterClause): TracePredicate {
  const { prefix, key, comparator, value } = clause;
  switch (prefix) {
    case '':
    case 'trace':
    case 'attribute':
    case 'attributes':
      return traceAttributePredicate(clause);
    case 'tag':
    case 'tags':
      if (value.kind === 'number') throw invalidParameter(`Expected a quoted string value for tag '${key}'`);
      return (trace) => matchString(trace.tags[key], comparator, value);
    case 'metadata':
    case 'request_metadata':
      if (value.kind === 'number')
        throw invalidParameter(`Expected a quoted string value for metadata '${key}'`);
      if (key === 'mlflow.sourceRun') {
        // The server answers this filter from the run association, so linked traces match too.
        return (trace) => traceRunIds(trace).some((id) => matchString(id, comparator, value));
      }
      return (trace) => matchString(trace.metadata[key], comparator, value);
    case 'feedback':
    case 'expectation':
      return assessmentPredicate(clause, prefix);
    case 'span':
      // Spans are not stored by this emulator: no trace has a matching span.
      return () => false;
    default:
      throw invalidParameter(
        `Invalid entity type '${prefix}'. Valid values are ['trace', 'tag', 'metadata', 'span', 'feedback', 'expectation']`,
      );
  }
}

function traceAttributePredicate(clause: FilterClause): TracePredicate {
  const { key, comparator, value } = clause;
  if (!traceAttributeKeys.has(key)) {
    throw invalidParameter(
      `Invalid attribute key '${key}' specified. Valid keys are '{${[...traceAttributeKeys].map((name) => `'${name}'`).join(', ')}}'`,
    );
  }
  if (numericAttributes.includes(key)) {
    if (value.kind !== 'number' || !numericComparators.has(comparator)) {
      throw invalidParameter(`Invalid comparator '${comparator}' or value for numeric attribute '${key}'`);
    }
    const read = key.startsWith('timestamp')
      ? (trace: StoredTrace) => trace.timestampMs
      : key.startsWith('execution')
        ? (trace: StoredTrace) => trace.executionMs
        : (trace: StoredTrace) => trace.timestampMs + trace.executionMs;
    return (trace) => matchNumber(read(trace), comparator, value.value);
  }
  if (value.kind === 'number') {
    throw invalidParameter(`Expected a quoted string value for attribute '${key}'. Got value ${value.text}`);
  }
  if ((comparator === 'IN' || comparator === 'NOT IN') && !listAttributes.includes(key)) {
    throw invalidParameter(
      `Only 'status', 'name', 'request_id', 'run_id' and 'client_request_id' support IN`,
    );
  }
  if (key === 'run_id') return (trace) => traceRunIds(trace).some((id) => matchString(id, comparator, value));
  if (key === 'text') {
    return (trace) =>
      matchString(trace.requestPreview, comparator, value) ||
      matchString(trace.responsePreview, comparator, value);
  }
  const read: (trace: StoredTrace) => string | undefined =
    key === 'status'
      ? (trace) => trace.state
      : key === 'name'
        ? (trace) => trace.tags['mlflow.traceName']
        : key === 'request_id'
          ? (trace) => trace.traceId
          : (trace) => trace.clientRequestId;
  return (trace) => matchString(read(trace), comparator, value);
}

/** `feedback.<name>` and `expectation.<name>`: values are compared as their JSON encoding. */
function assessmentPredicate(clause: FilterClause, prefix: 'feedback' | 'expectation'): TracePredicate {
  const { key, comparator, value } = clause;
  if (value.kind !== 'string') {
    throw invalidParameter(
      `Expected a quoted string value for ${prefix} (e.g. 'my-value'). Got value ${value.kind === 'number' ? value.text : value.values.join(', ')}`,
    );
  }
  if (!stringComparators.has(comparator)) {
    throw invalidParameter(`Invalid comparator '${comparator}' for ${prefix}`);
  }
  // 'true' matches true, a "yes" string needs '"yes"'.
  return (trace) =>
    trace.assessments.some(
      (assessment) =>
        assessment.valid &&
        assessment.assessmentName === key &&
        matchString(
          JSON.stringify(
            (prefix === 'feedback' ? assessment.feedback : assessment.expectation)?.value ?? null,
          ),
          comparator,
          value,
        ),
    );
}

/** The runs a trace belongs to: those linked to it, and its `mlflow.sourceRun`. */
function traceRunIds(trace: StoredTrace): string[] {
  const ids = [...trace.linkedRuns];
  const source = trace.metadata['mlflow.sourceRun'];
  if (source !== undefined && !ids.includes(source)) ids.push(source);
  return ids;
}
