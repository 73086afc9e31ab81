import type { Migration } from '../migrations/migration.js';
import type { TableWrite } from './table-write.js';

/**
 * SQL run on one database connection, or on whichever connection is free outside a transaction. Statements use
 * `$1`, `$2`, ... for `values[0]`, `values[1]`, ...; a parameter may occur more than once.
 */
export interface SqlSession {
  /** The rows `sql` returns, with the columns named as the statement names them. */
  all<Row>(sql: string, values?: readonly unknown[]): Promise<Row[]>;
  /** Runs `sql`; resolves to how many rows it inserted, updated or deleted. */
  run(sql: string, values?: readonly unknown[]): Promise<number>;
  /** Runs a script of one or more statements without parameters (a migration). */
  exec(script: string): Promise<void>;
  /** Inserts `rows` into one table (upserting or skipping existing keys as `table` says), as fast as it can. */
  write<Row>(table: TableWrite<Row>, rows: readonly Row[]): Promise<void>;
}

/** Where the SQL of the two databases differs, as fragments the shared statements are built from. */
export interface SqlSyntax {
  /** A condition true when the text in `column` starts with `prefix` exactly, case-sensitively. */
  startsWith(column: string, prefix: string): string;
  /** The 1-based position of `search` in `text`, 0 when absent. */
  position(text: string, search: string): string;
  /** A condition true when `column` equals one of `count` values bound from parameter `first` on. */
  inList(column: string, first: number, count: number): string;
  /** The values `inList` binds, for `items`. */
  listValues(items: readonly string[]): unknown[];
  /** How many items one `inList` query takes. */
  listChunk: number;
  /**
   * Appended to a SELECT in a transaction to lock the rows read until it ends: ` FOR UPDATE`, or nothing where the
   * transaction holds the whole database's write lock already.
   */
  lockRows: string;
}

/** How a database records and serializes its schema migrations. */
export interface SchemaMigrations {
  /** Creates `schema_migrations (version, name, applied_at)` unless it exists. */
  createTable: string;
  /** Run first in the migrating transaction to serialize concurrent migrators, where the transaction does not. */
  lock?: string;
  /** Every migration, in order of version. */
  steps: readonly Migration[];
}

/**
 * What the SQL state store needs from one database: its SQL differences, its migrations, connections and
 * transactions. The store (createSqlStore) is written once against this; SQLite and Postgres each implement it.
 */
export interface SqlDialect extends SqlSession {
  /** `sqlite` or `postgres`. */
  readonly kind: string;
  /** Where the state lives, safe to print. */
  readonly location: string;
  readonly syntax: SqlSyntax;
  readonly migrations: SchemaMigrations;
  /**
   * Runs `work` in one transaction that writes: committed when `work` resolves, rolled back when it throws, and
   * never interleaved with another transaction of this store on the same connection.
   */
  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Whether `error` is an insert of a primary or unique key that exists already. */
  isDuplicateKey(error: unknown): boolean;
  /** Closes the connection(s); later calls fail. Idempotent. */
  close(): Promise<void>;
}
