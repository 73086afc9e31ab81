#!/usr/bin/env node
// The `slokit` command. npm links a package's bin only if the file exists at install time, and `dist/` exists only
// after the build: this file is checked in, so in a clone of the repository `npx slokit` works right after
// `npm ci && npm run build`, and before the build it says so instead of "slokit: not found".
import { existsSync } from 'node:fs';

const built = new URL('../dist/bin.js', import.meta.url);
const notBuilt = (what) => {
  process.stderr.write(`slokit: ${what} is not built yet: run npm run build first\n`);
  process.exitCode = 2;
};

if (!existsSync(built)) notBuilt('the slokit command');
else {
  try {
    await import(built.href);
  } catch (error) {
    // A workspace package of the repository that the build has not reached yet (its dist/ is missing).
    const missing = /Cannot find module '([^']*\/dist\/[^']*)'/.exec(error?.message ?? '');
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || missing === null) throw error;
    notBuilt(missing[1]);
  }
}
