import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import { openStateStore } from './open-state-store.js';

describe('openStateStore', () => {
  it('opens Postgres for postgres:// and postgresql:// URLs, showing them without the password', () => {
    for (const url of ['postgres://slokit:pw@db:5432/state', 'POSTGRESQL://slokit:pw@db:5432/state']) {
      const store = openStateStore({ url, path: '/ignored/state.db' });
      expect(store.kind).toBe('postgres');
      expect(store.location).toMatch(/^postgres(ql)?:\/\/slokit@db:5432\/state$/i);
    }
  });

  it('opens a SQLite file for a path, a file: URL or a sqlite: URL', () => {
    const absolute = resolve('/var/lib/slokit/.slokit/state.db');
    expect(openStateStore({ path: absolute })).toMatchObject({ kind: 'sqlite', location: absolute });
    expect(openStateStore({ url: pathToFileURL(absolute).href })).toMatchObject({
      kind: 'sqlite',
      location: absolute,
    });
    expect(openStateStore({ url: `sqlite://${absolute}` })).toMatchObject({
      kind: 'sqlite',
      location: absolute,
    });
    expect(openStateStore({ url: absolute })).toMatchObject({ kind: 'sqlite', location: absolute });
  });

  it('resolves relative SQLite paths against baseDir (the config directory)', () => {
    const baseDir = resolve('/srv/app');
    expect(openStateStore({ path: '.slokit/state.db', baseDir }).location).toBe(
      join(baseDir, '.slokit/state.db'),
    );
    expect(openStateStore({ url: 'sqlite:state/x.db', baseDir }).location).toBe(join(baseDir, 'state/x.db'));
    expect(openStateStore({ path: 'state.db' }).location).toBe(resolve('state.db'));
  });

  it('refuses other URL schemes and a missing location as config errors', () => {
    expect(() => openStateStore({ url: 'mysql://root:pw@db/state' })).toThrow(ConfigError);
    expect(() => openStateStore({ url: 'mysql://root:pw@db/state' })).toThrow(
      /store\.url: 'mysql:\/\/' is not a supported/,
    );
    expect(() => openStateStore({ url: 'mysql://root:pw@db/state' })).not.toThrow(/pw/);
    expect(() => openStateStore({})).toThrow(ConfigError);
    expect(() => openStateStore({ url: 'sqlite:' })).toThrow(/names no file/);
  });
});
