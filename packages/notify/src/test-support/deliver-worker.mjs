// A separate process running deliverOutbox on a SQLite state store, for the crash test (deliver-outbox.crash.test.ts).
// Usage: node deliver-worker.mjs '{"path":"<state.db>","config":{...},"now":<ms>}'. Prints "delivering", then the
// report as JSON on its last line.
import { writeSync } from 'node:fs';
import { resolveConfig } from '@slokit/core';
import { createSqliteStore } from '@slokit/store';
import { deliverOutbox } from '../../dist/index.js';

const command = JSON.parse(process.argv[2]);
const store = createSqliteStore({ path: command.path });
await store.migrate();
const config = resolveConfig(command.config, { baseDir: '/tmp' });
// Synchronous, so the parent sees it before the request goes out.
writeSync(1, 'delivering\n');
const report = await deliverOutbox({ store, config, env: {}, now: () => command.now });
await store.close();
writeSync(1, `${JSON.stringify(report)}\n`);
