import { StateStoreError } from './state-store-error.js';

export interface DriverPackage {
  /** The npm package: `better-sqlite3`, `pg`. */
  name: string;
  /** Which store needs it, for the message: `SQLite`, `Postgres`. */
  store: string;
}

/**
 * Imports a database library when a store first needs it, so a user of one database never installs nor loads the
 * other's. A library that is missing or fails to load becomes a StateStoreError naming it and how to install it.
 */
export async function loadDriver<Module>(
  driver: DriverPackage,
  location: string,
  load: () => Promise<Module>,
): Promise<Module> {
  try {
    return await load();
  } catch (error) {
    throw driverMissing(driver, location, error);
  }
}

export function driverMissing(driver: DriverPackage, location: string, cause: unknown): StateStoreError {
  const code = (cause as { code?: unknown } | undefined)?.code;
  const notInstalled = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
  const detail = (cause as Error | undefined)?.message ?? String(cause);
  return new StateStoreError({
    problem: 'driver-missing',
    location,
    message: notInstalled
      ? `the ${driver.store} state store (${location}) needs the npm package '${driver.name}', which is not ` +
        `installed: run \`npm install ${driver.name}\` (it is an optional dependency of @slokit/store)`
      : `the ${driver.store} state store (${location}) cannot load the npm package '${driver.name}' (${detail}): ` +
        `reinstall it with \`npm install ${driver.name}\`, or \`npm rebuild ${driver.name}\` after a Node.js upgrade`,
    cause,
  });
}
