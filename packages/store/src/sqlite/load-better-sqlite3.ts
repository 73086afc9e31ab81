import type BetterSqlite3 from 'better-sqlite3';

/** The constructor of better-sqlite3's databases: all the store needs of the package. */
export type SqliteDatabaseConstructor = new (
  filename: string,
  options?: BetterSqlite3.Options,
) => BetterSqlite3.Database;

/** What `import('better-sqlite3')` resolves to, as far as the store uses it. */
export interface BetterSqlite3Module {
  default: SqliteDatabaseConstructor;
}

/** Loads better-sqlite3 (a native addon) on first use: a Postgres user never needs it. */
export function importBetterSqlite3(): Promise<BetterSqlite3Module> {
  return import('better-sqlite3');
}
