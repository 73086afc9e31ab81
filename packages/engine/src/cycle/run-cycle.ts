import type { PublisherV1, ResolvedConfig, StateStore, SyncResult } from '@slokit/core/internal';
import { publishSyncResult } from '../publish/publish-sync-result.js';
import { runSync } from './run-sync.js';
import type { SyncOptions } from './sync-options.js';

/** What a deliverer needs: the outbox lives in the store, the channels in the config. */
export interface DeliveryContext {
  store: StateStore;
  config: ResolvedConfig;
  env: Record<string, string | undefined> | undefined;
  /** The delivery clock: the cycle's simulated time, or the wall clock. */
  now: () => number;
  /** Queue the digests that are due before sending. */
  digests: boolean;
  signal?: AbortSignal;
}

/** Sends what the outbox holds (`@slokit/notify`'s `deliverCycle`), injected so the engine carries no channel code. */
export type Deliverer<Report> = (context: DeliveryContext) => Promise<Report>;

export interface CycleOptions<Report> extends SyncOptions {
  /** Write results back to the trackers of `publish:` sources. Default true; never on a dry run. */
  publish?: boolean;
  /** Publishers reused across cycles. */
  publishers?: Map<string, PublisherV1>;
  /** Queue due digests (daily reports) before delivering. Default true. */
  digests?: boolean;
  deliver?: Deliverer<Report>;
}

export interface CycleOutcome<Report> {
  result: SyncResult;
  /** Undefined when nothing was delivered: a dry run, a skipped cycle, no deliverer, or another worker delivers. */
  delivery: Report | undefined;
}

const deliverLeaseMs = 120_000;

/** The cycle `slokit sync` runs: sync, publish, queue digests, deliver the outbox. */
export async function runCycle<Report>(options: CycleOptions<Report>): Promise<CycleOutcome<Report>> {
  const { config, store } = options;
  const result = await runSync(options);
  if (result.skipped !== null || options.dryRun) return { result, delivery: undefined };
  if (options.publish !== false) {
    await publishSyncResult({
      config,
      store,
      result,
      ...(options.env ? { env: options.env } : {}),
      ...(options.publishers ? { publishers: options.publishers } : {}),
    });
  }
  if (!options.deliver) return { result, delivery: undefined };
  // With several workers, one delivers at a time, so a message is not sent by two at once.
  const wallClock = options.wallClock ?? Date.now;
  if (
    options.scaleOut &&
    !(await store.tryAcquireLease('deliver', options.owner, deliverLeaseMs, wallClock()))
  ) {
    return { result, delivery: undefined };
  }
  try {
    const at = options.now?.getTime();
    const delivery = await options.deliver({
      store,
      config,
      env: options.env,
      now: at === undefined ? Date.now : () => at,
      digests: options.digests !== false,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { result, delivery };
  } finally {
    if (options.scaleOut) await store.releaseLease('deliver', options.owner);
  }
}
