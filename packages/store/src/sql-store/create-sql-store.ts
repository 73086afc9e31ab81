import type { StateStoreV1 } from '@slokit/core';
import { migrateSchema } from './migrate-schema.js';
import type { SqlDialect } from './sql-dialect.js';
import { storeLeases } from './store-leases.js';
import { storeReads } from './store-reads.js';
import { storeSilences } from './store-silences.js';
import { storeStatements } from './store-statements.js';
import { storeWrites } from './store-writes.js';

/**
 * The state store over SQL: StateStoreV1 written once, on any database a SqlDialect describes (SQLite, Postgres).
 */
export function createSqlStore(dialect: SqlDialect): StateStoreV1 {
  const sql = storeStatements(dialect.syntax);
  return {
    specificationVersion: 'v1',
    kind: dialect.kind,
    location: dialect.location,
    migrate: () => migrateSchema(dialect, sql),
    close: () => dialect.close(),
    ...storeLeases(dialect, sql),
    ...storeReads(dialect, sql),
    ...storeSilences(dialect, sql),
    ...storeWrites(dialect, sql),
  };
}
