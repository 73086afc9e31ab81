export type { Migration } from './migrations/migration.js';
export { NewerSchemaError } from './migrations/newer-schema-error.js';
export { type OpenStateStoreOptions, openStateStore } from './open-state-store.js';
export { type PostgresStoreOptions, createPostgresStore } from './postgres/postgres-store.js';
export { postgresMigrations } from './postgres/postgres-sql.js';
export { redactUrl } from './redact-url.js';
export { type SqliteStoreOptions, createSqliteStore } from './sqlite/sqlite-store.js';
export { sqliteMigrations } from './sqlite/sqlite-sql.js';
