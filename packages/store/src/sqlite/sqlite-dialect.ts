import { SlokitError } from '@slokit/core';
import type BetterSqlite3 from 'better-sqlite3';
import { loadDriver } from '../sql-store/load-driver.js';
import type { SqlDialect, SqlSession } from '../sql-store/sql-dialect.js';
import type { TableWrite } from '../sql-store/table-write.js';
import { queueDatabaseTask } from './database-task-queue.js';
import type { BetterSqlite3Module } from './load-better-sqlite3.js';
import { betterSqlite3Package } from './new-database.js';
import { openSqliteDatabase } from './open-sqlite-database.js';
import { sqliteMigrations, sqliteMigrationsTable } from './sqlite-migrations.js';
import { createSqliteSession } from './sqlite-session.js';
import { asStateStoreError } from './sqlite-state-error.js';
import { sqliteSyntax } from './sqlite-syntax.js';
import { assertSameFile } from './state-file.js';

export interface SqliteDialectOptions {
  /** An absolute path, or `:memory:`. */
  file: string;
  busyTimeoutMs: number;
  loadDriver: () => Promise<BetterSqlite3Module>;
}

interface Connection {
  session: ReturnType<typeof createSqliteSession>;
  database: BetterSqlite3.Database;
  /** Throws when the file is no longer the one opened (deleted or replaced). */
  stillOpened: () => void;
}

/**
 * SQLite for the SQL store: one connection, opened on first use. The work on one file runs one task at a time in
 * this process (queueDatabaseTask), so the awaits inside a transaction never let other work run in the middle of
 * it. Before every statement that writes and before every COMMIT, the file must still be the one opened: writes to
 * a deleted file would be lost. (Reads of it still answer, from what it held.)
 */
export function createSqliteDialect(options: SqliteDialectOptions): SqlDialect {
  const { file } = options;
  // An in-memory database is this store's alone.
  const queueKey = file === ':memory:' ? Symbol(file) : file;
  const serially = <T>(work: () => Promise<T>) => queueDatabaseTask(queueKey, work);
  let connection: Connection | undefined;
  let closed = false;

  async function connect(): Promise<Connection> {
    if (connection) return connection;
    const { default: Database } = await loadDriver(betterSqlite3Package, file, options.loadDriver);
    const { database, identity } = await openSqliteDatabase(Database, file, options.busyTimeoutMs);
    const stillOpened = () => {
      if (identity) assertSameFile(file, identity);
    };
    connection = { session: createSqliteSession(database, stillOpened), database, stillOpened };
    return connection;
  }

  function task<T>(work: (connection: Connection) => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new SlokitError(`the state store ${file} is closed`));
    return serially(async () => {
      try {
        return await work(connection ?? (await connect()));
      } catch (error) {
        throw asStateStoreError(error, file);
      }
    });
  }

  async function inTransaction<T>(
    current: Connection,
    work: (session: SqlSession) => Promise<T>,
  ): Promise<T> {
    current.database.exec('BEGIN IMMEDIATE');
    try {
      const result = await work(current.session);
      current.stillOpened();
      current.database.exec('COMMIT');
      return result;
    } catch (error) {
      rollback(current);
      throw error;
    }
  }

  /** Rolls back what SQLite has not rolled back itself; a connection that cannot is dropped (reopened next time). */
  function rollback(current: Connection): void {
    try {
      if (current.database.inTransaction) current.database.exec('ROLLBACK');
    } catch {
      current.session.close();
      if (connection === current) connection = undefined;
    }
  }

  return {
    kind: 'sqlite',
    location: file,
    syntax: sqliteSyntax,
    migrations: { createTable: sqliteMigrationsTable, steps: sqliteMigrations },
    all: <Row>(sql: string, values?: readonly unknown[]) =>
      task(({ session }) => session.all<Row>(sql, values)),
    run: (sql, values) => task(({ session }) => session.run(sql, values)),
    exec: (script) => task(({ session }) => session.exec(script)),
    write: <Row>(table: TableWrite<Row>, rows: readonly Row[]) =>
      task(({ session }) => session.write(table, rows)),
    transaction: (work) => task((current) => inTransaction(current, work)),
    isDuplicateKey: (error) =>
      (error as { code?: unknown } | undefined)?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY',
    async close() {
      if (closed) return;
      closed = true;
      await serially(async () => {
        connection?.session.close();
        connection = undefined;
      });
    },
  };
}
