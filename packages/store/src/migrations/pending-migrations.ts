import type { Migration } from './migration.js';
import { NewerSchemaError } from './newer-schema-error.js';

/**
 * The migrations still to apply, in order, given the versions already recorded. Throws when the state has a version
 * this code does not know (a newer slokit migrated it).
 */
export function pendingMigrations(
  migrations: readonly Migration[],
  applied: Iterable<number>,
  location: string,
): Migration[] {
  const done = new Set(applied);
  const known = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  const newest = Math.max(0, ...done);
  if (newest > known) throw new NewerSchemaError(location, newest, known);
  return migrations.filter((migration) => !done.has(migration.version));
}
