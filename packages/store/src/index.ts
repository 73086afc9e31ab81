export type { Migration } from './migrations/migration.js';
export { NewerSchemaError } from './migrations/newer-schema-error.js';
export { type OpenStateStoreOptions, openStateStore } from './open-state-store.js';
export { postgresMigrations } from './postgres/postgres-sql.js';
export { createPostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.js';
export { redactUrl } from './redact-url.js';
export { sqliteMigrations } from './sqlite/sqlite-sql.js';
export { createSqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
