import { describe, expect, it } from 'vitest';
import { postgresMigrations } from '../postgres/postgres-migrations.js';
import { sqliteMigrations } from '../sqlite/sqlite-migrations.js';
import type { Migration } from './migration.js';
import { NewerSchemaError } from './newer-schema-error.js';
import { pendingMigrations } from './pending-migrations.js';

const list: Migration[] = [
  { version: 1, name: 'one', sql: 'a' },
  { version: 2, name: 'two', sql: 'b' },
  { version: 3, name: 'three', sql: 'c' },
];

describe('pendingMigrations', () => {
  it('returns the migrations not applied yet, in order', () => {
    expect(pendingMigrations(list, [], 'x').map((m) => m.version)).toEqual([1, 2, 3]);
    expect(pendingMigrations(list, [1], 'x').map((m) => m.version)).toEqual([2, 3]);
    expect(pendingMigrations(list, [1, 2, 3], 'x')).toEqual([]);
  });

  it('refuses state from a newer version, naming both versions and the location', () => {
    expect(() => pendingMigrations(list, [1, 2, 3, 4], '/srv/.slokit/state.db')).toThrow(NewerSchemaError);
    expect(() => pendingMigrations(list, [1, 2, 3, 4], '/srv/.slokit/state.db')).toThrow(
      /\/srv\/\.slokit\/state\.db has schema version 4, but this @slokit\/store knows versions up to 3/,
    );
  });

  it.each([
    ['sqlite', sqliteMigrations],
    ['postgres', postgresMigrations],
  ])('%s migrations are numbered 1, 2, 3, ... with names', (_, migrations) => {
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
    for (const migration of migrations) expect(migration.name.length).toBeGreaterThan(0);
  });
});
