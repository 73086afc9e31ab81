import { fnv1a, type StateStore } from '@slokit/core/internal';
import type { SyncOptions } from './sync-options.js';

/** The locks and leases one cycle holds, renewed while it runs. */
export interface CycleLeases {
  /** The one global lock without scale-out; undefined under scale-out. */
  globalLock: string | undefined;
  /** The sources this worker syncs this cycle. */
  owned: Set<string>;
  /** The lease a source's data commits under. */
  leaseOf(source: string): string;
  /** Stops renewing and releases what the cycle must give back. */
  release(): Promise<void>;
}

/**
 * Takes the cycle's locks: the global lock (one sync at a time), or under scale-out the leases of the sources this
 * worker owns. Undefined when another sync holds the global lock. Renews them every third of the TTL while the cycle
 * runs, so a long pull keeps its lease and a dead worker's lapse fast.
 */
export async function acquireCycleLeases(options: SyncOptions): Promise<CycleLeases | undefined> {
  const { store, owner } = options;
  const wallClock = options.wallClock ?? Date.now;
  const ttl = options.leaseTtlMs ?? 2 * 60_000;
  const globalLock = options.scaleOut ? undefined : 'sync';
  if (globalLock && !(await store.tryAcquireLease(globalLock, owner, ttl, wallClock()))) return undefined;
  const held = new Set<string>(globalLock ? [globalLock] : []);
  const heartbeat = setInterval(
    () => {
      for (const name of held) void store.tryAcquireLease(name, owner, ttl, wallClock()).catch(() => {});
    },
    Math.max(1000, ttl / 3),
  );
  heartbeat.unref?.();
  let handOver: string[] = [];
  const release = async () => {
    clearInterval(heartbeat);
    if (globalLock) await store.releaseLease(globalLock, owner);
    for (const lease of handOver) await store.releaseLease(lease, owner);
  };
  try {
    const names = Object.keys(options.config.sources);
    const owners = globalLock
      ? { owned: new Set(names), handOver: [] }
      : await ownedSources(names, store, owner, ttl, wallClock);
    handOver = owners.handOver;
    if (!globalLock) for (const name of owners.owned) held.add(`source:${name}`);
    return {
      globalLock,
      owned: owners.owned,
      leaseOf: (source) => globalLock ?? `source:${source}`,
      release,
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * Under scale-out, the sources whose lease this worker gets: those rendezvous hashing prefers it for among the live
 * workers, plus those it still holds from before a new worker joined (it syncs them once more and hands them over at
 * the end of the cycle, so none is skipped).
 */
async function ownedSources(
  names: string[],
  store: StateStore,
  owner: string,
  ttl: number,
  wallClock: () => number,
): Promise<{ owned: Set<string>; handOver: string[] }> {
  await store.tryAcquireLease(`worker:${owner}`, owner, ttl, wallClock());
  const workers = (await store.listLeases('worker:', wallClock())).map((lease) => lease.owner);
  if (!workers.includes(owner)) workers.push(owner);
  const held = new Set(
    (await store.listLeases('source:', wallClock()))
      .filter((lease) => lease.owner === owner)
      .map((lease) => lease.name),
  );
  const owned = new Set<string>();
  const handOver: string[] = [];
  for (const name of names) {
    const lease = `source:${name}`;
    // Rendezvous hashing: every worker computes the same owner for a source from the same live set.
    const preferred = workers.reduce((best, worker) =>
      fnv1a(`${worker}|${name}`) > fnv1a(`${best}|${name}`) ? worker : best,
    );
    if (preferred !== owner) {
      if (held.has(lease) && (await store.tryAcquireLease(lease, owner, ttl, wallClock()))) {
        owned.add(name);
        handOver.push(lease);
      }
      continue;
    }
    if (await store.tryAcquireLease(lease, owner, ttl, wallClock())) owned.add(name);
  }
  return { owned, handOver };
}
