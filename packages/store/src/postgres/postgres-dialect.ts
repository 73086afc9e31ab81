import { SlokitError } from '@slokit/core';
import type { Pool, PoolClient } from 'pg';
import { loadDriver } from '../sql-store/load-driver.js';
import type { SqlDialect, SqlSession } from '../sql-store/sql-dialect.js';
import { StateStoreError } from '../sql-store/state-store-error.js';
import type { TableWrite } from '../sql-store/table-write.js';
import type { PgModule } from './load-pg.js';
import {
  postgresMigrations,
  postgresMigrationsLock,
  postgresMigrationsTable,
} from './postgres-migrations.js';
import { createPostgresSession } from './postgres-session.js';
import { postgresSyntax } from './postgres-syntax.js';
import { redactUrl } from './redact-url.js';

export interface PostgresDialectOptions {
  url: string;
  /** A pool of the caller's: used as is, and left open by close(). */
  pool: Pool | undefined;
  loadDriver: () => Promise<PgModule>;
}

/** Postgres for the SQL store: a pool opened on first use; each statement or transaction takes a client of it. */
export function createPostgresDialect(options: PostgresDialectOptions): SqlDialect {
  const location = redactUrl(options.url);
  let pool = options.pool;
  const ownsPool = options.pool === undefined;
  let closed = false;

  function refuseWhenClosed(): void {
    if (closed) throw new SlokitError(`the state store ${location} is closed`);
  }

  async function getPool(): Promise<Pool> {
    refuseWhenClosed();
    if (pool) return pool;
    const { default: pg } = await loadDriver({ name: 'pg', store: 'Postgres' }, location, options.loadDriver);
    refuseWhenClosed();
    if (pool) return pool;
    const created = new pg.Pool({ connectionString: options.url, application_name: 'slokit' });
    // An idle connection that breaks (server restart) is dropped by the pool; the next query reconnects or fails.
    created.on('error', () => {});
    pool = created;
    return created;
  }

  async function connect(): Promise<PoolClient> {
    const current = await getPool();
    try {
      return await current.connect();
    } catch (error) {
      throw new StateStoreError({
        problem: 'unreachable',
        location,
        message: `cannot connect to the state database ${location}: ${(error as Error).message || String(error)}`,
        cause: error,
      });
    }
  }

  async function withClient<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    const client = await connect();
    try {
      return await work(createPostgresSession(client));
    } finally {
      client.release();
    }
  }

  async function transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    const client = await connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(createPostgresSession(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is unusable: destroy it rather than return it to the pool.
        broken = rollbackError as Error;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  return {
    kind: 'postgres',
    location,
    syntax: postgresSyntax,
    migrations: {
      createTable: postgresMigrationsTable,
      lock: postgresMigrationsLock,
      steps: postgresMigrations,
    },
    all: <Row>(sql: string, values?: readonly unknown[]) =>
      withClient((session) => session.all<Row>(sql, values)),
    run: (sql, values) => withClient((session) => session.run(sql, values)),
    exec: (script) => withClient((session) => session.exec(script)),
    write: <Row>(table: TableWrite<Row>, rows: readonly Row[]) =>
      withClient((session) => session.write(table, rows)),
    transaction,
    isDuplicateKey: (error) => (error as { code?: unknown } | undefined)?.code === '23505',
    async close() {
      if (closed) return;
      closed = true;
      if (ownsPool && pool) await pool.end();
      pool = undefined;
    },
  };
}
