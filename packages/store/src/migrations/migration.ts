/** One step of a driver's schema: applied once, in order of `version`, and recorded in `schema_migrations`. */
export interface Migration {
  /** 1, 2, 3, ...: never reused, never reordered, never edited once released. */
  version: number;
  /** What the step does, kept in `schema_migrations` for whoever reads the database. */
  name: string;
  /** One or more statements, run inside the migrating transaction. */
  sql: string;
}
