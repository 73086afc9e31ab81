import type { ClientBase } from 'pg';
import type { SqlSession } from '../sql-store/sql-dialect.js';
import { bulkInsert } from './bulk-insert.js';

/** SQL on one Postgres connection (a pooled client). */
export function createPostgresSession(client: ClientBase): SqlSession {
  return {
    async all<Row>(sql: string, values: readonly unknown[] = []) {
      return (await client.query(sql, [...values])).rows as Row[];
    },

    async run(sql, values = []) {
      return (await client.query(sql, [...values])).rowCount ?? 0;
    },

    async exec(script) {
      await client.query(script);
    },

    write: (table, rows) => bulkInsert(client, table, rows),
  };
}
