import { pendingMigrations } from '../migrations/pending-migrations.js';
import type { SqlDialect } from './sql-dialect.js';
import type { StoreStatements } from './store-statements.js';

/**
 * Applies the migrations not applied yet, in order, each in the same transaction as its record in
 * `schema_migrations`. Concurrent migrators queue on the transaction's lock, so each migration runs once.
 */
export async function migrateSchema(dialect: SqlDialect, sql: StoreStatements): Promise<void> {
  const { createTable, lock, steps } = dialect.migrations;
  await dialect.transaction(async (session) => {
    if (lock) await session.all(lock);
    await session.exec(createTable);
    const applied = await session.all<{ version: number }>(sql.appliedVersions);
    const pending = pendingMigrations(
      steps,
      applied.map((row) => row.version),
      dialect.location,
    );
    for (const migration of pending) {
      await session.exec(migration.sql);
      await session.run(sql.recordMigration, [migration.version, migration.name, Date.now()]);
    }
  });
}
