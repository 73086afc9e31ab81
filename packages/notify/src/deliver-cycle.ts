import type { ResolvedConfig, StateStore } from '@slokit/core';
import { deliverOutbox } from './delivery/deliver-outbox.js';
import type { DeliveryReport } from './delivery/delivery-report.js';
import { queueDigests } from './queue-digests.js';

/** The engine's deliverer: queues the digests that are due, then sends the outbox at least once. */
export async function deliverCycle(context: {
  store: StateStore;
  config: ResolvedConfig;
  env: Record<string, string | undefined> | undefined;
  now: () => number;
  digests: boolean;
  signal?: AbortSignal;
}): Promise<DeliveryReport> {
  const { store, config } = context;
  if (context.digests) await queueDigests({ store, config, now: context.now() });
  return deliverOutbox({
    store,
    config,
    now: context.now,
    ...(context.env ? { env: context.env } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
  });
}
