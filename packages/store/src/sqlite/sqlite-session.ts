import type BetterSqlite3 from 'better-sqlite3';
import type { SqlSession } from '../sql-store/sql-dialect.js';
import { type ColumnType, conflictClause, type TableWrite } from '../sql-store/table-write.js';
import { createStatementCache } from './statement-cache.js';

/**
 * SQL on one better-sqlite3 connection. Every call runs synchronously; a bulk write is one prepared statement run
 * row by row, which inside SQLite's transaction is faster than any multi-row statement. `beforeWrite` runs before
 * every statement that writes (it throws to stop it).
 */
export function createSqliteSession(
  database: BetterSqlite3.Database,
  beforeWrite: () => void,
): SqlSession & { close(): void } {
  const statements = createStatementCache(database);
  return {
    async all<Row>(sql: string, values: readonly unknown[] = []) {
      const { statement, bind } = statements.get(sql);
      if (!statement.readonly) beforeWrite();
      return statement.all(bind(values)) as Row[];
    },

    async run(sql, values = []) {
      const { statement, bind } = statements.get(sql);
      if (!statement.readonly) beforeWrite();
      return statement.run(bind(values)).changes;
    },

    async exec(script) {
      beforeWrite();
      database.exec(script);
    },

    async write(table, rows) {
      beforeWrite();
      const { statement } = statements.get(insertRowSql(table));
      const encoders = table.columns.map((column) => encoder(column.type));
      for (const row of rows) {
        statement.run(table.columns.map((column, index) => encoders[index]!(column.value(row))));
      }
    },

    close() {
      statements.clear();
      database.close();
    },
  };
}

/** One row's INSERT into `table`, with its ON CONFLICT clause. */
export function insertRowSql<Row>(table: TableWrite<Row>): string {
  const names = table.columns.map((column) => column.name);
  const parameters = names.map((_, index) => `$${index + 1}`);
  return `INSERT INTO ${table.table} (${names.join(', ')}) VALUES (${parameters.join(', ')}) ${conflictClause(table)}`;
}

const asIs = (value: unknown) => value;
// SQLite has no boolean type: 0 and 1 (a CHECK constraint keeps them so).
const asInteger = (value: unknown) => (value === null ? null : value ? 1 : 0);

function encoder(type: ColumnType): (value: unknown) => unknown {
  return type === 'boolean' ? asInteger : asIs;
}
