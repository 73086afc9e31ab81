import { invalidParameter } from '../emulator-error.js';
import {
  type FilterClause,
  matchNumber,
  matchString,
  numericComparators,
  stringComparators,
} from '../search-filter.js';
import type { StoredRun } from './stored-records.js';

/** The attributes runs/search filters and orders on. */
export const runAttributeKeys = [
  'run_id',
  'run_name',
  'user_id',
  'status',
  'start_time',
  'end_time',
  'artifact_uri',
  'lifecycle_stage',
];

/** One clause of a runs/search filter as a test of a run: metrics, params, tags, datasets or attributes. */
export function runPredicate(clause: FilterClause): (run: StoredRun) => boolean {
  const { prefix, key, comparator, value } = clause;
  switch (prefix) {
    case 'metric':
    case 'metrics':
      if (value.kind !== 'number') {
        throw invalidParameter(`Expected numeric value type for metric. Found ${JSON.stringify(value)}`);
      }
      if (!numericComparators.has(comparator)) {
        throw invalidParameter(
          `Invalid comparator '${comparator}' not one of '{'<', '<=', '>', '=', '!=', '>='}`,
        );
      }
      return (run) => matchNumber(run.latest.get(key)?.value, comparator, value.value);
    case 'param':
    case 'params':
    case 'parameter':
    case 'parameters':
      requireStringComparison('param', clause);
      return (run) => matchString(run.params.get(key), comparator, value);
    case 'tag':
    case 'tags':
      requireStringComparison('tag', clause);
      return (run) => matchString(run.tags.get(key), comparator, value);
    case 'dataset':
    case 'datasets':
      // Runs here have no dataset inputs.
      return () => false;
    case '':
    case 'attribute':
    case 'attributes':
    case 'attr':
    case 'run':
      return runAttributePredicate(clause);
    default:
      throw invalidParameter(
        `Invalid entity type '${prefix}'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']`,
      );
  }
}

function runAttributePredicate(clause: FilterClause): (run: StoredRun) => boolean {
  const { key, comparator, value } = clause;
  if (!runAttributeKeys.includes(key)) {
    throw invalidParameter(`Invalid attribute key '${key}' specified. Valid keys are '${runAttributeKeys}'`);
  }
  if (key === 'start_time' || key === 'end_time') {
    if (value.kind !== 'number') throw invalidParameter(`Expected numeric value type for ${key}`);
    return (run) => matchNumber(key === 'start_time' ? run.startTime : run.endTime, comparator, value.value);
  }
  if ((comparator === 'IN' || comparator === 'NOT IN') && key !== 'run_id') {
    throw invalidParameter(
      "Only the 'run_id' attribute supports comparison with a list of quoted string values.",
    );
  }
  if (value.kind === 'number')
    throw invalidParameter(`Expected a quoted string value for attributes. Got value ${value.text}`);
  const read = (run: StoredRun): string | undefined =>
    key === 'run_id'
      ? run.runId
      : key === 'run_name'
        ? run.runName
        : key === 'user_id'
          ? run.userId
          : key === 'status'
            ? run.status
            : key === 'artifact_uri'
              ? run.artifactUri
              : run.lifecycleStage;
  return (run) => matchString(read(run), comparator, value);
}

function requireStringComparison(kind: string, clause: FilterClause): void {
  if (clause.value.kind === 'number') {
    throw invalidParameter(`Expected a quoted string value for ${kind}. Got value ${clause.value.text}`);
  }
  if (!stringComparators.has(clause.comparator)) {
    throw invalidParameter(
      `Invalid comparator '${clause.comparator}' not one of '{'=', '!=', 'LIKE', 'ILIKE'}'`,
    );
  }
}
