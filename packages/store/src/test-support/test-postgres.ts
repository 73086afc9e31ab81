import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface TestPostgres {
  /** postgres://... of a database the tests may use freely. */
  url: string;
  /** Stops the cluster when this process started it. */
  stop: () => void;
}

const scripts = fileURLToPath(new URL('../../scripts/', import.meta.url));

/**
 * The PostgreSQL server the tests use: `SLOKIT_TEST_POSTGRES_URL` when set, else a throwaway cluster started with
 * scripts/start-test-postgres.sh (Debian's `postgresql` package). Throws, so the tests fail rather than skip, with
 * what to install when neither works.
 */
export function startTestPostgres(): TestPostgres {
  const given = process.env.SLOKIT_TEST_POSTGRES_URL;
  if (given) return { url: given, stop: () => {} };
  let url: string;
  try {
    url = execFileSync('bash', [`${scripts}start-test-postgres.sh`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 90_000,
    }).trim();
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(
      'The Postgres store tests need a PostgreSQL server, and none could be started. Either install the server so ' +
        'the tests can start a throwaway cluster (Debian/Ubuntu: `apt-get install postgresql`), or point ' +
        'SLOKIT_TEST_POSTGRES_URL at a database they may write to (postgres://USER:PASSWORD@HOST:PORT/DATABASE).' +
        (stderr ? `\nstart-test-postgres.sh said:\n${stderr}` : ''),
      { cause: error },
    );
  }
  return {
    url,
    stop: () => {
      execFileSync('bash', [`${scripts}stop-test-postgres.sh`, url], { stdio: 'ignore', timeout: 60_000 });
    },
  };
}
