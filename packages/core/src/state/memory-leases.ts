import { LeaseLostError } from './lease-lost-error.js';
import { type AssertOpen, copyRow, type MemoryState } from './memory-state.js';
import type { CycleWrites, StateStoreV1 } from './state-store.js';

type Leases = Pick<MemoryState, 'leases'>;

/** Named leases: free, expired or already the owner's, a lease is taken (or renewed) until `now + ttlMs`. */
export function memoryLeaseMethods(
  { leases }: Leases,
  assertOpen: AssertOpen,
): Pick<StateStoreV1, 'tryAcquireLease' | 'releaseLease' | 'listLeases'> {
  return {
    async tryAcquireLease(name, owner, ttlMs, now) {
      assertOpen();
      const lease = leases.get(name);
      if (lease && lease.owner !== owner && lease.expiresAt > now) return false;
      leases.set(name, { name, owner, expiresAt: now + ttlMs });
      return true;
    },
    async releaseLease(name, owner) {
      assertOpen();
      if (leases.get(name)?.owner === owner) leases.delete(name);
    },
    async listLeases(prefix, now) {
      assertOpen();
      return [...leases.values()]
        .filter((lease) => lease.name.startsWith(prefix) && lease.expiresAt > now)
        .map(copyRow);
    },
  };
}

/** A commit under a lease writes nothing once its owner no longer holds the lease. */
export function assertLeaseHeld({ leases }: Leases, held: CycleWrites['lease']): void {
  if (!held) return;
  const lease = leases.get(held.name);
  if (!lease || lease.owner !== held.owner || lease.expiresAt <= held.now) {
    throw new LeaseLostError(held.name, held.owner);
  }
}
