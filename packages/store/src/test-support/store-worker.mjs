// A separate process working on a state store, for the concurrency tests (src/**/*-concurrency.test.ts).
// Usage: node store-worker.mjs '{"op":"leaseRace","store":{"path":"..."},...}'. Prints its result as JSON last.
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStateStore } from '../../dist/index.js';

const command = JSON.parse(process.argv[2]);
const store = openStateStore(command.store);

async function waitUntil(time) {
  const delay = time - Date.now();
  if (delay > 0) await sleep(delay);
}

function say(line) {
  // Synchronous, so the parent sees it even when a synchronous commit blocks this process right after.
  writeSync(1, `${line}\n`);
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
    await waitUntil(command.startAt);
    await store.migrate();
    return { migrated: true };
  },

  /** Races for the lease `sync` until `startAt + durationMs`; holding it, proves nobody else does. */
  async leaseRace() {
    const { owner, startAt, durationMs, ttlMs, lockFile } = command;
    const result = { attempts: 0, acquisitions: 0, refusals: 0, renewals: 0, violations: 0 };
    await waitUntil(startAt);
    while (Date.now() < startAt + durationMs) {
      result.attempts += 1;
      if (!(await store.tryAcquireLease('sync', owner, ttlMs, Date.now()))) {
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
      if (await store.tryAcquireLease('sync', owner, ttlMs, Date.now())) result.renewals += 1;
      else result.violations += 1;
      closeSync(fd);
      unlinkSync(lockFile);
      await store.releaseLease('sync', owner);
      // Between two cycles a worker does other things; without a pause here the releasing process takes the lease
      // straight back while the other still sleeps in SQLite's busy handler (which is not fair).
      await sleep(2 + Math.random() * 3);
    }
    return result;
  },

  /** Commits `commits` cycles of its own rows plus one row every worker upserts. */
  async commitMany() {
    const { prefix, commits, buckets, seen, startAt } = command;
    await waitUntil(startAt);
    const start = Date.UTC(2026, 0, 1);
    for (let cycle = 0; cycle < commits; cycle++) {
      await store.commit({
        cursors: [
          { source: prefix, cursor: `cycle-${cycle}`, watermark: start + cycle, updatedAt: Date.now() },
        ],
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
          { slo: 'shared', segment: '', state: JSON.stringify({ prefix, cycle }), updatedAt: Date.now() },
        ],
      });
    }
    return { commits };
  },

  /** Prints `committing`, then commits one large cycle (the parent may kill it in the middle). */
  async bigCommit() {
    const { round, buckets, seen } = command;
    await store.migrate();
    const writes = bigWrites(round, buckets, seen);
    say('committing');
    const started = performance.now();
    await store.commit(writes);
    const ms = performance.now() - started;
    say('committed');
    return { ms };
  },

  /** Takes the lease, says so, then hangs until killed. */
  async holdLease() {
    const { name, owner, ttlMs } = command;
    const now = Date.now();
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
