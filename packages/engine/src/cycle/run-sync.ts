import {
  type AlertBatch,
  type AlertStateRow,
  alertStateKey,
  complianceOf,
  outboxRows,
  pruneHorizon,
  type ResolvedConfig,
  type StateStore,
  type SyncResult,
  silencedBy,
} from '@slokit/core/internal';
import { acquireCycleLeases, type CycleLeases } from './cycle-leases.js';
import { assertSafeSince, clearHistory } from './safe-since.js';
import type { SyncOptions } from './sync-options.js';
import { emptySourceResult, type SourceCycle, syncSource } from './sync-source.js';

/**
 * One sync cycle: pull each source incrementally from its watermark (minus the overlap, deduped by record id),
 * fold new records into 5-minute history buckets, evaluate every SLO over its window from history, compute budgets
 * and burn rates, run the alert policy, queue what the routes send in the outbox, and commit.
 */
export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const now = (options.now ?? new Date()).getTime();
  const result = emptySyncResult(now, options.dryRun === true);
  const leases = await acquireCycleLeases(options);
  if (leases === undefined) {
    result.skipped = 'another sync is running';
    return result;
  }
  try {
    if (options.rebuild && !options.dryRun) await clearHistory(options.store);
    else if (options.since) await assertSafeSince(options.config, options.store, options.since);
    await syncOwnedSources(options, leases, now, result);
  } finally {
    await leases.release();
  }
  Object.assign(result, complianceOf(result.slos));
  const order = new Map(options.config.slos.map((slo, index) => [slo.name, index]));
  result.slos.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  return result;
}

function emptySyncResult(now: number, dryRun: boolean): SyncResult {
  return {
    schemaVersion: 1,
    cycleId: `sync:${new Date(now).toISOString()}`,
    at: new Date(now).toISOString(),
    dryRun,
    skipped: null,
    sources: [],
    slos: [],
    events: [],
    published: [],
    deliveries: [],
    compliance: null,
    complianceCounts: { met: 0, counted: 0 },
  };
}

async function syncOwnedSources(options: SyncOptions, leases: CycleLeases, now: number, result: SyncResult) {
  const { config, store } = options;
  const wallClock = options.wallClock ?? Date.now;
  const context = await cycleContext(options, leases, now, result.cycleId, wallClock);
  for (const sourceName of Object.keys(config.sources)) {
    const slos = config.slos.filter((slo) => slo.source === sourceName);
    if (slos.length === 0) continue;
    if (!leases.owned.has(sourceName)) {
      result.sources.push(emptySourceResult(sourceName, config, now, true));
      continue;
    }
    result.sources.push(
      await syncSource(sourceName, slos, { ...context, lease: leases.leaseOf(sourceName) }, result),
    );
  }
  const outbox = outboxRows(config, result.events, context.refreshEvents, result.cycleId, now);
  result.deliveries = outbox.map((row) => ({
    id: row.id,
    channel: row.channel,
    events: (JSON.parse(row.payload) as AlertBatch).events.length,
  }));
  if (options.dryRun) return;
  await store.commit({
    ...context.cycleWrites,
    outbox,
    lease: { name: leases.globalLock ?? `worker:${options.owner}`, owner: options.owner, now: wallClock() },
  });
  await store.prune(pruneHorizon(config, now, await watermarks(config, store)));
}

async function cycleContext(
  options: SyncOptions,
  leases: CycleLeases,
  now: number,
  cycleId: string,
  wallClock: () => number,
): Promise<SourceCycle> {
  const { config, store } = options;
  const alertStates = new Map<string, AlertStateRow>(
    (await store.getAlertStates()).map((row) => [alertStateKey(row.slo, row.segment), row]),
  );
  const silences = await store.listSilences({ activeAt: now });
  return {
    ...options,
    now,
    wallClock,
    lease: leases.globalLock ?? '',
    alerts: {
      now,
      cycleId,
      alertStates,
      silencedBy: (slo, segment) => silencedBy(slo, segment, now, silences, config.maintenance),
    },
    cycleWrites: { evaluations: [], alertStates: [], alertEvents: [] },
    refreshEvents: [],
  };
}

/** Every source's watermark: seen ids are kept back to the oldest one's overlap, whichever worker synced it. */
async function watermarks(config: ResolvedConfig, store: StateStore): Promise<Array<number | null>> {
  const marks: Array<number | null> = [];
  for (const name of Object.keys(config.sources))
    marks.push((await store.getCursor(name))?.watermark ?? null);
  return marks;
}
