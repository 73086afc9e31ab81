import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, type StateStoreV1 } from '@slokit/core';
import { createPostgresStore } from './postgres/postgres-store.js';
import { createSqliteStore } from './sqlite/sqlite-store.js';

export interface OpenStateStoreOptions {
  /**
   * `postgres://...` or `postgresql://...` opens Postgres; `file:` URLs, `sqlite:PATH` and plain paths open a SQLite
   * file. Wins over `path`.
   */
  url?: string;
  /** The SQLite file when there is no `url`: typically `<config dir>/.slokit/state.db`. */
  path?: string;
  /** Where relative SQLite paths start (the config file's directory); default the working directory. */
  baseDir?: string;
}

/** Opens the state store the config asks for: Postgres for a `postgres://` URL, else a SQLite file. */
export function openStateStore(options: OpenStateStoreOptions): StateStoreV1 {
  const url = options.url?.trim();
  if (url) {
    if (/^postgres(ql)?:\/\//i.test(url)) return createPostgresStore({ url });
    if (/^file:/i.test(url)) return createSqliteStore({ path: fileURLToPath(url) });
    if (/^sqlite:/i.test(url))
      return sqlite(url.slice('sqlite:'.length).replace(/^\/\//, ''), options.baseDir);
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1];
    if (scheme) {
      throw new ConfigError(undefined, [
        {
          path: 'store.url',
          message: `'${scheme}://' is not a supported state store: use postgres://USER:PASSWORD@HOST/DATABASE, or a SQLite file path`,
        },
      ]);
    }
    return sqlite(url, options.baseDir);
  }
  if (options.path) return sqlite(options.path, options.baseDir);
  throw new ConfigError(undefined, [
    { path: 'store', message: 'give a url (postgres://...) or the path of a SQLite file' },
  ]);
}

function sqlite(path: string, baseDir: string | undefined): StateStoreV1 {
  if (path === '') {
    throw new ConfigError(undefined, [{ path: 'store.url', message: 'the SQLite URL names no file' }]);
  }
  const file = path === ':memory:' || isAbsolute(path) || !baseDir ? path : resolve(baseDir, path);
  return createSqliteStore({ path: file });
}
