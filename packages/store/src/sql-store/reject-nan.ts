import type { CycleWrites } from '@slokit/core';

const numberFields = {
  cursors: ['watermark', 'updatedAt'],
  buckets: ['start', 'count', 'good', 'sum', 'sumSquares', 'min', 'max', 'slices', 'goodSlices'],
  seen: ['time'],
  evaluations: ['at', 'value', 'samples', 'budgetRemaining'],
  alertStates: ['updatedAt'],
  alertEvents: ['at'],
  outbox: ['createdAt', 'attempts', 'nextAttemptAt'],
  publishes: ['published', 'at'],
} as const;

/**
 * Throws when a number of `writes` is NaN. SQLite cannot store NaN (it becomes NULL) while Postgres can, so the
 * drivers refuse it alike rather than disagree; it is always a bug upstream. Infinities are kept by both.
 */
export function rejectNaN(writes: CycleWrites): void {
  for (const [kind, fields] of Object.entries(numberFields)) {
    const rows = writes[kind as keyof typeof numberFields] as
      | ReadonlyArray<Record<string, unknown>>
      | undefined;
    if (!rows) continue;
    for (let index = 0; index < rows.length; index++) {
      const row = rows[index]!;
      for (const field of fields) {
        if (Number.isNaN(row[field])) {
          throw new RangeError(
            `cannot commit ${kind}[${index}].${field}: NaN (use null where the field allows it)`,
          );
        }
      }
    }
  }
}
