import type BetterSqlite3 from 'better-sqlite3';

/** What `import('better-sqlite3')` resolves to. */
export interface BetterSqlite3Module {
  default: typeof BetterSqlite3;
}

/** Loads better-sqlite3 (a native addon) on first use: a Postgres user never needs it. */
export function importBetterSqlite3(): Promise<BetterSqlite3Module> {
  return import('better-sqlite3');
}
