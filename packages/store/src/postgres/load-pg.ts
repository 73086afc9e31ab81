import type { Pool, PoolConfig } from 'pg';

/** What `import('pg')` resolves to, as far as the store uses it. */
export interface PgModule {
  default: { Pool: new (config: PoolConfig) => Pool };
}

/** Loads pg on first use: a SQLite user never needs it. */
export function importPg(): Promise<PgModule> {
  return import('pg');
}
