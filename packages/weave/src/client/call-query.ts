/** Builders for the trace server's query language (`{"$expr": ...}`, a Mongo aggregation subset). */
export type Operand =
  | { $literal: unknown }
  | { $getField: string }
  | { $convert: { input: Operand; to: 'double' | 'string' | 'int' | 'bool' | 'exists' } }
  | Operation;

export type Operation =
  | { $and: Operand[] }
  | { $or: Operand[] }
  | { $not: [Operand] }
  | { $eq: [Operand, Operand] }
  | { $gt: [Operand, Operand] }
  | { $gte: [Operand, Operand] }
  | { $in: [Operand, Operand[]] }
  | { $contains: { input: Operand; substr: Operand; case_insensitive?: boolean } };

export interface Query {
  $expr: Operation;
}

export const field = (path: string): Operand => ({ $getField: path });
export const literal = (value: unknown): Operand => ({ $literal: value });

/**
 * `started_at >= time`. Times go as epoch seconds, as the Weave UI and the server's own tests send them (the
 * server's `started_at` index only serves numeric literals).
 */
export function startedAtAtLeast(epochMs: number): Operation {
  return { $gte: [field('started_at'), literal(epochMs / 1000)] };
}

/** `started_at <= time` (the language has no `$lte`: `$not` of `$gt`). */
export function startedAtAtMost(epochMs: number): Operation {
  return { $not: [{ $gt: [field('started_at'), literal(epochMs / 1000)] }] };
}

export function isFinished(): Operation {
  return { $not: [{ $eq: [field('ended_at'), literal(null)] }] };
}

/** Joins conditions with `$and`; undefined when there are none (a query may not hold an empty `$and`). */
export function allOf(conditions: Operation[]): Query | undefined {
  if (conditions.length === 0) return undefined;
  return { $expr: conditions.length === 1 ? conditions[0]! : { $and: conditions } };
}
