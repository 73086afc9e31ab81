import type { CycleWrites } from './state-store.js';

const required: Record<string, string[]> = {
  cursors: ['source', 'updatedAt'],
  buckets: ['slo', 'definition', 'segment', 'start', 'count', 'good', 'sum', 'sumSquares'],
  seen: ['source', 'id', 'time'],
  evaluations: ['slo', 'segment', 'at', 'status', 'samples', 'level', 'details'],
  alertStates: ['slo', 'segment', 'state', 'updatedAt'],
  alertEvents: ['id', 'slo', 'segment', 'at', 'kind', 'level', 'silenced', 'payload'],
  outbox: ['id', 'channel', 'payload', 'createdAt', 'status', 'attempts', 'nextAttemptAt'],
  publishes: ['checkId', 'source', 'target', 'published', 'at'],
};

/** What the SQL drivers refuse (a missing required field, NaN) is refused here too, before anything is written. */
export function rejectInvalidWrites(writes: CycleWrites): void {
  for (const [table, fields] of Object.entries(required)) {
    const rows = (writes[table as keyof CycleWrites] as Array<Record<string, unknown>> | undefined) ?? [];
    rows.forEach((row, index) => {
      for (const field of fields) {
        if (row[field] === null || row[field] === undefined)
          throw new RangeError(`${table}[${index}].${field} is required`);
      }
      for (const [field, value] of Object.entries(row)) {
        if (typeof value === 'number' && Number.isNaN(value))
          throw new RangeError(`${table}[${index}].${field}: NaN`);
      }
    });
  }
}
