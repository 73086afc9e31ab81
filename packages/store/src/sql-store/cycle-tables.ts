import type {
  AlertEventRow,
  AlertStateRow,
  EvaluationRow,
  OutboxRow,
  PublishLogRow,
  SliBucket,
  SourceCursor,
} from '@slokit/core';
import { column, type TableWrite } from './table-write.js';

type SeenRow = { source: string; id: string; time: number };

/** How `commit` writes each kind of row of CycleWrites: the same tables and keys in SQLite and Postgres. */
export const cycleTables = {
  cursors: {
    table: 'cursors',
    key: ['source'],
    onConflict: 'update',
    columns: [
      column<SourceCursor>('source', 'text', (row) => row.source),
      column<SourceCursor>('cursor', 'text', (row) => row.cursor ?? null),
      column<SourceCursor>('watermark', 'double', (row) => row.watermark ?? null),
      column<SourceCursor>('updated_at', 'double', (row) => row.updatedAt),
    ],
  } satisfies TableWrite<SourceCursor>,

  // The cycle sends the merged bucket, not a delta: an upsert.
  buckets: {
    table: 'buckets',
    key: ['slo', 'definition', 'start', 'segment'],
    onConflict: 'update',
    columns: [
      column<SliBucket>('slo', 'text', (row) => row.slo),
      column<SliBucket>('definition', 'text', (row) => row.definition),
      column<SliBucket>('start', 'double', (row) => row.start),
      column<SliBucket>('segment', 'text', (row) => row.segment),
      column<SliBucket>('count', 'double', (row) => row.count),
      column<SliBucket>('good', 'double', (row) => row.good),
      column<SliBucket>('sum', 'double', (row) => row.sum),
      column<SliBucket>('sum_squares', 'double', (row) => row.sumSquares),
      column<SliBucket>('min', 'double', (row) => row.min ?? null),
      column<SliBucket>('max', 'double', (row) => row.max ?? null),
      column<SliBucket>('sketch', 'text', (row) => row.sketch ?? null),
      column<SliBucket>('slices', 'double', (row) => row.slices),
      column<SliBucket>('good_slices', 'double', (row) => row.goodSlices),
    ],
  } satisfies TableWrite<SliBucket>,

  // An id counted already keeps its first time.
  seen: {
    table: 'seen',
    key: ['source', 'id'],
    onConflict: 'ignore',
    columns: [
      column<SeenRow>('source', 'text', (row) => row.source),
      column<SeenRow>('id', 'text', (row) => row.id),
      column<SeenRow>('time', 'double', (row) => row.time),
    ],
  } satisfies TableWrite<SeenRow>,

  evaluations: {
    table: 'evaluations',
    key: ['slo', 'at', 'segment'],
    onConflict: 'update',
    columns: [
      column<EvaluationRow>('slo', 'text', (row) => row.slo),
      column<EvaluationRow>('at', 'double', (row) => row.at),
      column<EvaluationRow>('segment', 'text', (row) => row.segment),
      column<EvaluationRow>('status', 'text', (row) => row.status),
      column<EvaluationRow>('value', 'double', (row) => row.value ?? null),
      column<EvaluationRow>('samples', 'double', (row) => row.samples),
      column<EvaluationRow>('budget_remaining', 'double', (row) => row.budgetRemaining ?? null),
      column<EvaluationRow>('level', 'text', (row) => row.level),
      column<EvaluationRow>('details', 'text', (row) => row.details),
    ],
  } satisfies TableWrite<EvaluationRow>,

  alertStates: {
    table: 'alert_states',
    key: ['slo', 'segment'],
    onConflict: 'update',
    columns: [
      column<AlertStateRow>('slo', 'text', (row) => row.slo),
      column<AlertStateRow>('segment', 'text', (row) => row.segment),
      column<AlertStateRow>('state', 'text', (row) => row.state),
      column<AlertStateRow>('updated_at', 'double', (row) => row.updatedAt),
    ],
  } satisfies TableWrite<AlertStateRow>,

  // Deterministic ids: a retried commit does not record an event twice.
  alertEvents: {
    table: 'alert_events',
    key: ['id'],
    onConflict: 'ignore',
    ordered: true,
    columns: [
      column<AlertEventRow>('id', 'text', (row) => row.id),
      column<AlertEventRow>('slo', 'text', (row) => row.slo),
      column<AlertEventRow>('segment', 'text', (row) => row.segment),
      column<AlertEventRow>('at', 'double', (row) => row.at),
      column<AlertEventRow>('kind', 'text', (row) => row.kind),
      column<AlertEventRow>('level', 'text', (row) => row.level),
      column<AlertEventRow>('silenced', 'boolean', (row) => row.silenced),
      column<AlertEventRow>('payload', 'text', (row) => row.payload),
    ],
  } satisfies TableWrite<AlertEventRow>,

  // Deterministic ids: a retried commit does not resend a delivery.
  outbox: {
    table: 'outbox',
    key: ['id'],
    onConflict: 'ignore',
    ordered: true,
    columns: [
      column<OutboxRow>('id', 'text', (row) => row.id),
      column<OutboxRow>('channel', 'text', (row) => row.channel),
      column<OutboxRow>('payload', 'text', (row) => row.payload),
      column<OutboxRow>('created_at', 'double', (row) => row.createdAt),
      column<OutboxRow>('status', 'text', (row) => row.status),
      column<OutboxRow>('attempts', 'double', (row) => row.attempts),
      column<OutboxRow>('next_attempt_at', 'double', (row) => row.nextAttemptAt),
      column<OutboxRow>('last_error', 'text', (row) => row.lastError ?? null),
    ],
  } satisfies TableWrite<OutboxRow>,

  publishes: {
    table: 'publish_log',
    key: [],
    onConflict: 'none',
    ordered: true,
    columns: [
      column<PublishLogRow>('check_id', 'text', (row) => row.checkId),
      column<PublishLogRow>('source', 'text', (row) => row.source),
      column<PublishLogRow>('target', 'text', (row) => row.target),
      column<PublishLogRow>('published', 'double', (row) => row.published),
      column<PublishLogRow>('at', 'double', (row) => row.at),
    ],
  } satisfies TableWrite<PublishLogRow>,
};
