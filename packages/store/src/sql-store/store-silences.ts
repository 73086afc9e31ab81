import { type Silence, SlokitError, type StateStoreV1 } from '@slokit/core';
import type { SqlDialect } from './sql-dialect.js';
import type { StoreStatements } from './store-statements.js';

type SilenceMethods = Pick<StateStoreV1, 'listSilences' | 'addSilence' | 'expireSilence'>;

/** Silences: `slokit silence add/list/expire`. */
export function storeSilences(dialect: SqlDialect, sql: StoreStatements): SilenceMethods {
  return {
    async listSilences(query) {
      return query?.activeAt === undefined
        ? dialect.all<Silence>(sql.listSilences)
        : dialect.all<Silence>(sql.listActiveSilences, [query.activeAt]);
    },

    async addSilence(silence) {
      try {
        await dialect.run(sql.insertSilence, [
          silence.id,
          silence.slo,
          silence.segment ?? null,
          silence.startsAt,
          silence.endsAt,
          silence.reason,
          silence.createdAt,
          silence.expiredAt ?? null,
        ]);
      } catch (error) {
        if (dialect.isDuplicateKey(error)) {
          throw new SlokitError(`a silence with id '${silence.id}' exists already`, { cause: error });
        }
        throw error;
      }
    },

    async expireSilence(id, at) {
      return (await dialect.run(sql.expireSilence, [id, at])) > 0;
    },
  };
}
