import type {
  AlertEventRow,
  AlertStateRow,
  EvaluationRow,
  OutboxRow,
  PublishLogRow,
  SliBucket,
  SourceCursor,
  StateStoreV1,
} from '@slokit/core';
import { chunks } from './chunks.js';
import type { SqlDialect } from './sql-dialect.js';
import type { StoreStatements } from './store-statements.js';

type ReadMethods = Pick<
  StateStoreV1,
  | 'getCursor'
  | 'getBuckets'
  | 'filterSeen'
  | 'getAlertStates'
  | 'getEvaluations'
  | 'getAlertEvents'
  | 'getDueOutbox'
  | 'getPublishLog'
>;

/** What a sync cycle and the reports read back. */
export function storeReads(dialect: SqlDialect, sql: StoreStatements): ReadMethods {
  return {
    async getCursor(source) {
      const [cursor] = await dialect.all<SourceCursor>(sql.getCursor, [source]);
      return cursor;
    },

    async getBuckets(query) {
      return dialect.all<SliBucket>(sql.getBuckets, [query.slo, query.definition, query.from, query.to]);
    },

    async filterSeen(source, ids) {
      const seen = new Set<string>();
      for (const chunk of chunks(ids, dialect.syntax.listChunk)) {
        const rows = await dialect.all<{ id: string }>(sql.filterSeen(chunk.length), [
          source,
          ...dialect.syntax.listValues(chunk),
        ]);
        for (const row of rows) seen.add(row.id);
      }
      return seen;
    },

    async getAlertStates() {
      return dialect.all<AlertStateRow>(sql.getAlertStates);
    },

    async getEvaluations(query) {
      return query.slo === undefined
        ? dialect.all<EvaluationRow>(sql.getEvaluations, [query.from, query.to])
        : dialect.all<EvaluationRow>(sql.getSloEvaluations, [query.slo, query.from, query.to]);
    },

    async getAlertEvents(query) {
      const rows =
        query.slo === undefined
          ? await dialect.all<AlertEventRow>(sql.getAlertEvents, [query.from, query.to])
          : await dialect.all<AlertEventRow>(sql.getSloAlertEvents, [query.slo, query.from, query.to]);
      // SQLite keeps booleans as 0 and 1.
      return rows.map((row) => ({ ...row, silenced: Boolean(row.silenced) }));
    },

    async getDueOutbox(now, limit) {
      return dialect.all<OutboxRow>(sql.getDueOutbox, [now, limit]);
    },

    async getPublishLog(query) {
      return dialect.all<PublishLogRow>(sql.getPublishLog, [query.from, query.to]);
    },
  };
}
