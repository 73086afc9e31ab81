import type { EvalRecord } from '../record/eval-record.js';
import { compileFieldPath } from '../record/field-path.js';
import type { Predicate } from '../slo/predicate-schema.js';

export type RecordPredicate = (record: EvalRecord) => boolean;

/**
 * Compiles a predicate. Booleans compare as booleans (`equals: true` matches a boolean `true` score, not the string
 * "true"); numeric operators match numbers only. A record without the field matches only `exists: false`.
 */
export function compilePredicate(predicate: Predicate): RecordPredicate {
  const read = compileFieldPath(predicate.field);
  const tests: Array<(value: unknown) => boolean> = [];
  if (predicate.exists !== undefined) {
    const wanted = predicate.exists;
    tests.push((value) => isPresent(value) === wanted);
  }
  if (predicate.equals !== undefined) {
    const expected = predicate.equals;
    tests.push((value) => value === expected);
  }
  if (predicate.in !== undefined) {
    const allowed = new Set<unknown>(predicate.in);
    tests.push((value) => allowed.has(value));
  }
  const { lt, lte, gt, gte } = predicate;
  if (lt !== undefined) tests.push((value) => typeof value === 'number' && value < lt);
  if (lte !== undefined) tests.push((value) => typeof value === 'number' && value <= lte);
  if (gt !== undefined) tests.push((value) => typeof value === 'number' && value > gt);
  if (gte !== undefined) tests.push((value) => typeof value === 'number' && value >= gte);

  if (tests.length === 1) {
    const test = tests[0]!;
    return (record) => test(read(record));
  }
  return (record) => {
    const value = read(record);
    for (const test of tests) if (!test(value)) return false;
    return true;
  };
}

/** Whether a field counts as present: not undefined, null or an empty string. */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** The default `total` of a ratio: every record that has the `good` predicate's field. */
export function compileHasField(field: string): RecordPredicate {
  const read = compileFieldPath(field);
  return (record) => isPresent(read(record));
}
