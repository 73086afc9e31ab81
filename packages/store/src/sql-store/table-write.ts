/** The types the contract's values take in a column: JS strings, numbers (stored as doubles) and booleans. */
export type ColumnType = 'text' | 'double' | 'boolean';

export interface Column<Row> {
  name: string;
  type: ColumnType;
  /** The column's value for a row of the contract; null for SQL NULL. */
  value: (row: Row) => unknown;
}

/**
 * How a commit writes one kind of row into its table, described once for every database: the columns, and what an
 * insert does when the key exists already.
 */
export interface TableWrite<Row> {
  table: string;
  columns: ReadonlyArray<Column<Row>>;
  /** The columns that identify a row. */
  key: readonly string[];
  /**
   * On a key that exists: `update` overwrites every other column (when one write gives a key twice, its last row
   * wins), `ignore` keeps the existing row, `none` means the table has no such key (every row is new).
   */
  onConflict: 'update' | 'ignore' | 'none';
  /** The table numbers its rows (a `seq` column) and they must follow the order given. */
  ordered?: boolean;
}

/** `column(name, type, value)`: one column of a TableWrite. */
export function column<Row>(name: string, type: ColumnType, value: (row: Row) => unknown): Column<Row> {
  return { name, type, value };
}

/** The `ON CONFLICT ...` clause that ends an INSERT into `table` (the same in SQLite and Postgres). */
export function conflictClause<Row>(table: TableWrite<Row>): string {
  if (table.onConflict === 'none') return '';
  const target = `ON CONFLICT (${table.key.join(', ')})`;
  if (table.onConflict === 'ignore') return `${target} DO NOTHING`;
  const updated = table.columns
    .map((each) => each.name)
    .filter((name) => !table.key.includes(name))
    .map((name) => `${name} = EXCLUDED.${name}`);
  return `${target} DO UPDATE SET ${updated.join(', ')}`;
}
