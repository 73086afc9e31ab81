import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createPostgresStore } from './postgres/postgres-store.js';
import { StateStoreError } from './sql-store/state-store-error.js';
import { createSqliteStore } from './sqlite/sqlite-store.js';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

function notInstalled(name: string): Error {
  return Object.assign(new Error(`Cannot find package '${name}' imported from ${dist}`), {
    code: 'ERR_MODULE_NOT_FOUND',
  });
}

async function failure(work: Promise<unknown>): Promise<StateStoreError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!StateStoreError.isInstance(error)) throw new Error(`expected a StateStoreError, got ${String(error)}`);
  return error;
}

/** Which database libraries a fresh Node process has loaded after running `script` against the built package. */
function librariesLoadedBy(script: string): string[] {
  if (!existsSync(dist))
    throw new Error(`${dist} is missing: build first (npx turbo run build --filter=@slokit/store)`);
  const output = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { createRequire } from 'node:module';
       const store = await import(${JSON.stringify(dist)});
       ${script}
       const loaded = Object.keys(createRequire(import.meta.url).cache);
       console.log(JSON.stringify(['better-sqlite3', 'pg'].filter((name) =>
         loaded.some((path) => path.includes(\`/node_modules/\${name}/\`)))));`,
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(output) as string[];
}

describe('database libraries load lazily, when their store opens', () => {
  it('loads neither on import, only better-sqlite3 for SQLite, only pg for Postgres', () => {
    expect(librariesLoadedBy('')).toEqual([]);
    expect(
      librariesLoadedBy(
        `const s = store.createSqliteStore({ path: ':memory:' }); await s.migrate(); await s.close();`,
      ),
    ).toEqual(['better-sqlite3']);
    expect(
      librariesLoadedBy(
        `const s = store.createPostgresStore({ url: 'postgres://slokit@127.0.0.1:1/state' });
         await s.migrate().catch(() => {}); await s.close();`,
      ),
    ).toEqual(['pg']);
  }, 180_000);

  it('says how to install better-sqlite3 when it is missing', async () => {
    const store = createSqliteStore({
      path: ':memory:',
      loadDriver: () => Promise.reject(notInstalled('better-sqlite3')),
    });
    const error = await failure(store.migrate());
    expect(error.problem).toBe('driver-missing');
    expect(error.exitCode).toBe(3);
    expect(error.message).toContain(`needs the npm package 'better-sqlite3', which is not installed`);
    expect(error.message).toContain('npm install better-sqlite3');
    await store.close();
  });

  it('says how to rebuild better-sqlite3 when its native addon does not load', async () => {
    class UnbuiltDatabase {
      constructor() {
        throw new Error('Could not locate the bindings file. Tried: build/better_sqlite3.node');
      }
    }
    const store = createSqliteStore({
      path: ':memory:',
      loadDriver: async () => ({ default: UnbuiltDatabase as never }),
    });
    const error = await failure(store.migrate());
    expect(error.problem).toBe('driver-missing');
    expect(error.message).toContain(
      `cannot load the npm package 'better-sqlite3' (Could not locate the bindings file`,
    );
    expect(error.message).toContain('npm rebuild better-sqlite3');
    await store.close();
  });

  it('says how to install pg when it is missing, without the password', async () => {
    const store = createPostgresStore({
      url: 'postgres://slokit:s3cret@db.internal/state',
      loadDriver: () => Promise.reject(notInstalled('pg')),
    });
    const error = await failure(store.migrate());
    expect(error.problem).toBe('driver-missing');
    expect(error.message).toContain(
      `the Postgres state store (postgres://slokit@db.internal/state) needs the npm package 'pg'`,
    );
    expect(error.message).toContain('npm install pg');
    expect(error.message).not.toContain('s3cret');
    await store.close();
  });
});
