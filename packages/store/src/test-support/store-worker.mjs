// A separate process working on a state store, for the concurrency tests (src/**/*-concurrency.test.ts).
// Usage: node store-worker.mjs '{"op":"leaseRace","store":{"path":"..."},...}'. Prints its result as JSON last.
// With "gated": true it opens its store, prints `ready` and waits for a `go` line on stdin before it works.

import { once } from 'node:events';
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { createSqliteStore, openStateStore } from '../../dist/index.js';

const command = JSON.parse(process.argv[2]);
const store =
  command.dieAfterRows === undefined
    ? openStateStore(command.store)
    : createSqliteStore({ path: command.store.path, loadDriver: dyingDriver(command.dieAfterRows) });

function say(line) {
  // Synchronous, so the parent sees it even when a synchronous commit blocks this process right after.
  writeSync(1, `${line}\n`);
}

async function gate({ open = true } = {}) {
  if (!command.gated) return;
  // Open the store first (a migrated one): the work, not the start-up, is what the workers do together.
  if (open) await store.listLeases('', 0);
  say('ready');
  process.stdin.setEncoding('utf8');
  await once(process.stdin, 'data');
}

/**
 * better-sqlite3, but the process kills itself (SIGKILL) when it is about to insert bucket or seen row number
 * `afterRows + 1`: in the middle of the commit's transaction. Its page cache is small (1 MB, not 16), so a large
 * commit spills uncommitted pages to the WAL file early, as a larger one would: what recovery must ignore.
 */
function dyingDriver(afterRows) {
  let rows = 0;
  class DyingDatabase extends Database {
    constructor(...options) {
      super(...options);
      this.pragma('cache_size = -1000');
    }

    prepare(sql) {
      const statement = super.prepare(sql);
      if (!/^INSERT INTO (buckets|seen) /.test(sql)) return statement;
      const run = statement.run.bind(statement);
      statement.run = (...values) => {
        rows += 1;
        if (rows > afterRows) process.kill(process.pid, 'SIGKILL');
        return run(...values);
      };
      return statement;
    }
  }
  return async () => ({ default: DyingDatabase });
}

/** Rows one big commit writes: `buckets` buckets and `seen` ids of round `round`, and its cursor. */
function bigWrites(round, buckets, seen) {
  const start = Date.UTC(2026, 0, 1);
  return {
    cursors: [{ source: `round-${round}`, cursor: `cursor-${round}`, watermark: start, updatedAt: start }],
    buckets: Array.from({ length: buckets }, (_, index) => ({
      slo: `round-${round}`,
      definition: 'd',
      segment: `segment-${index % 5}`,
      start: start + Math.floor(index / 5) * 300_000,
      count: index,
      good: index / 2,
      sum: index * 1.5,
      sumSquares: index * index * 2.25,
      min: 0,
      max: index,
      sketch: 'c2tldGNoLXNrZXRjaC1za2V0Y2gtc2tldGNoLXNrZXRjaC1za2V0Y2g=',
      slices: 1,
      goodSlices: index % 2,
    })),
    seen: Array.from({ length: seen }, (_, index) => ({
      source: `round-${round}`,
      id: `id-${index}`,
      time: start,
    })),
  };
}

const operations = {
  async migrate() {
    // Opening a fresh file (creating it, switching it to WAL) is part of what the migrators race for.
    await gate({ open: false });
    await store.migrate();
    return { migrated: true };
  },

  /**
   * Tries `attempts` times for the lease `sync` at the fixed time `now`; holding it, proves nobody else does (an
   * exclusively created lock file), renews it and lets it go.
   */
  async leaseRace() {
    const { owner, attempts, now, ttlMs, lockFile } = command;
    const result = { attempts: 0, acquisitions: 0, refusals: 0, renewals: 0, violations: 0 };
    await gate();
    while (result.attempts < attempts) {
      result.attempts += 1;
      if (!(await store.tryAcquireLease('sync', owner, ttlMs, now))) {
        result.refusals += 1;
        // Poll as a waiting worker would, not in a tight loop that starves the holder's release.
        await sleep(1);
        continue;
      }
      result.acquisitions += 1;
      let fd;
      try {
        // Exclusive create: fails when another holder is inside its critical section at the same time.
        fd = openSync(lockFile, 'wx');
      } catch {
        result.violations += 1;
        await store.releaseLease('sync', owner);
        continue;
      }
      // Work a little while holding it, renewing as a sync's heartbeat would.
      await sleep(1);
      if (await store.tryAcquireLease('sync', owner, ttlMs, now)) result.renewals += 1;
      else result.violations += 1;
      closeSync(fd);
      unlinkSync(lockFile);
      await store.releaseLease('sync', owner);
      // Between two cycles a worker does other things.
      await sleep(2);
    }
    return result;
  },

  /** Tries once for the free lease `sync` at `now`, and keeps it when it gets it. */
  async takeOnce() {
    const { owner, now, ttlMs } = command;
    await gate();
    return { owner, won: await store.tryAcquireLease('sync', owner, ttlMs, now) };
  },

  /** Commits `commits` cycles of its own rows plus one row every worker upserts. */
  async commitMany() {
    const { prefix, commits, buckets, seen } = command;
    await gate();
    const start = Date.UTC(2026, 0, 1);
    for (let cycle = 0; cycle < commits; cycle++) {
      await store.commit({
        cursors: [{ source: prefix, cursor: `cycle-${cycle}`, watermark: start + cycle, updatedAt: start }],
        buckets: Array.from({ length: buckets }, (_, index) => ({
          slo: `${prefix}-slo`,
          definition: 'd',
          segment: '',
          start: start + (cycle * buckets + index) * 60_000,
          count: cycle,
          good: index,
          sum: index * 0.5,
          sumSquares: index,
          min: null,
          max: null,
          sketch: null,
          slices: 1,
          goodSlices: 1,
        })),
        seen: Array.from({ length: seen }, (_, index) => ({
          source: prefix,
          id: `${cycle}-${index}`,
          time: start + cycle,
        })),
        alertStates: [
          { slo: 'shared', segment: '', state: JSON.stringify({ prefix, cycle }), updatedAt: start },
        ],
      });
    }
    return { commits };
  },

  /** Prints `committing`, then commits one large cycle (dying in the middle with `dieAfterRows`). */
  async bigCommit() {
    const { round, buckets, seen } = command;
    await store.migrate();
    const writes = bigWrites(round, buckets, seen);
    say('committing');
    await store.commit(writes);
    say('committed');
    return { committed: true };
  },

  /** Migrates and commits a cycle; reports the error that stopped it, if one did. */
  async probe() {
    try {
      await store.migrate();
      await store.commit({ cursors: [{ source: 'probe', cursor: null, watermark: null, updatedAt: 0 }] });
      return { ok: true };
    } catch (error) {
      const { name, problem, exitCode, message } = error;
      return { name, problem, exitCode, message };
    }
  },

  /** Takes the lease at `now`, says so, then hangs until killed. */
  async holdLease() {
    const { name, owner, ttlMs, now } = command;
    if (!(await store.tryAcquireLease(name, owner, ttlMs, now))) throw new Error('lease not acquired');
    say('held');
    await new Promise(() => setInterval(() => {}, 1_000));
  },
};

const operation = operations[command.op];
if (!operation) throw new Error(`unknown op ${command.op}`);
const result = await operation();
await store.close();
say(JSON.stringify(result));
