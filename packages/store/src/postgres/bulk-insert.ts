import type { ClientBase } from 'pg';
import { chunks } from '../sql-store/chunks.js';
import { type ColumnType, conflictClause, type TableWrite } from '../sql-store/table-write.js';

/** Rows per statement of a bulk write: large enough to amortize round trips, small enough to keep messages small. */
const bulkChunk = 5_000;

const arrayTypes: Record<ColumnType, string> = { text: 'text', double: 'float8', boolean: 'boolean' };

/**
 * Inserts `rows` with one statement per chunk: one array per column, `unnest`ed server-side. An upsert statement
 * cannot touch one row twice, so a key given twice keeps its last row (as SQLite does).
 */
export async function bulkInsert<Row>(
  client: ClientBase,
  table: TableWrite<Row>,
  rows: readonly Row[],
): Promise<void> {
  const sql = bulkInsertSql(table);
  const unique = table.onConflict === 'update' ? lastByKey(table, rows) : rows;
  for (const chunk of chunks(unique, bulkChunk)) {
    await client.query(
      sql,
      table.columns.map((column) => chunk.map((row) => column.value(row))),
    );
  }
}

export function bulkInsertSql<Row>(table: TableWrite<Row>): string {
  const names = table.columns.map((column) => column.name);
  const arrays = table.columns.map((column, index) => `$${index + 1}::${arrayTypes[column.type]}[]`);
  const insertInto = `INSERT INTO ${table.table} (${names.join(', ')})`;
  const conflict = conflictClause(table);
  if (!table.ordered) return `${insertInto} SELECT * FROM unnest(${arrays.join(', ')}) ${conflict}`;
  // WITH ORDINALITY + ORDER BY: the identity column (seq) follows the order of the rows given.
  return (
    `${insertInto} SELECT ${names.join(', ')} ` +
    `FROM unnest(${arrays.join(', ')}) WITH ORDINALITY AS input(${names.join(', ')}, ord) ORDER BY ord ${conflict}`
  );
}

/** `rows` with one row per key: the last given. */
function lastByKey<Row>(table: TableWrite<Row>, rows: readonly Row[]): readonly Row[] {
  const keyColumns = table.columns.filter((column) => table.key.includes(column.name));
  const byKey = new Map<string, Row>();
  // NUL cannot occur in Postgres text, so it cannot make two different keys collide.
  for (const row of rows)
    byKey.set(keyColumns.map((column) => String(column.value(row))).join('\u0000'), row);
  return byKey.size === rows.length ? rows : [...byKey.values()];
}
