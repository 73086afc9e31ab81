import {
  type AlertContext,
  type CycleWrites,
  type ResolvedConfig,
  type ResolvedSlo,
  SloFold,
  SlokitError,
  SourceError,
  type SyncResult,
  type SyncSourceResult,
  sourceHealth,
  WorstExamples,
} from '@slokit/core/internal';
import { createSource } from '../source/create-source.js';
import { evaluateSlo } from './evaluate-slo.js';
import { type PulledSource, pullSource, type SloDelta } from './pull-source.js';
import type { SyncOptions } from './sync-options.js';

export interface SourceCycle extends Omit<SyncOptions, 'now'> {
  now: number;
  alerts: AlertContext;
  /** Evaluations, alert states, events and refreshes: committed with the outbox at the end of the cycle. */
  cycleWrites: Required<Pick<CycleWrites, 'evaluations' | 'alertStates' | 'alertEvents'>>;
  refreshEvents: SyncResult['events'];
  lease: string;
  wallClock: () => number;
}

export function emptySourceResult(
  name: string,
  config: ResolvedConfig,
  now: number,
  ownedElsewhere: boolean,
): SyncSourceResult {
  const at = new Date(now).toISOString();
  return {
    name,
    type: config.sources[name]?.type ?? 'unknown',
    read: 0,
    counted: 0,
    duplicates: 0,
    skipped: 0,
    since: at,
    until: at,
    error: null,
    ownedElsewhere,
  };
}

/**
 * One source's part of a cycle: pull, evaluate its SLOs and the source's health, and commit its data (cursor, seen
 * ids, history buckets) at once. A source that cannot be read keeps its cursor and is reported, never thrown.
 */
export async function syncSource(
  sourceName: string,
  slos: ResolvedSlo[],
  context: SourceCycle,
  result: SyncResult,
): Promise<SyncSourceResult> {
  const { config, now } = context;
  const sourceResult = emptySourceResult(sourceName, config, now, false);
  const deltas: SloDelta[] = slos.map((slo) => ({
    slo,
    fold: slo.sli.kind === 'evalMetric' ? undefined : new SloFold(slo, 'stored'),
    worst: new WorstExamples(slo),
  }));
  let pulled: PulledSource | undefined;
  let failure: string | null = null;
  try {
    const source =
      context.sources?.[sourceName] ??
      (await createSource(sourceName, config, {
        ...(context.sourceFactories ? { factories: context.sourceFactories } : {}),
        ...(context.env ? { env: context.env } : {}),
      }));
    sourceResult.type = source.type;
    pulled = await pullSource(source, deltas, sourceResult, context);
  } catch (error) {
    failure = sourceFailure(sourceName, error);
    sourceResult.error = failure;
  }
  const buckets = [];
  for (const delta of deltas) {
    const evaluation = await evaluateSlo(
      delta,
      context.store,
      { summary: pulled?.summary, failure },
      context.alerts,
    );
    result.slos.push(evaluation.result);
    result.events.push(...evaluation.decisions.events);
    context.refreshEvents.push(...evaluation.decisions.refreshEvents);
    context.cycleWrites.evaluations.push(...evaluation.decisions.evaluations);
    context.cycleWrites.alertStates.push(...evaluation.decisions.alertStates);
    context.cycleWrites.alertEvents.push(...evaluation.decisions.alertEvents);
    buckets.push(...evaluation.buckets);
  }
  const health = sourceHealth(
    { source: sourceName, failure, newestRecord: pulled?.cursor.watermark ?? null },
    { now, cycleId: context.alerts.cycleId, config, alertStates: context.alerts.alertStates },
  );
  result.events.push(...health.events);
  context.cycleWrites.alertStates.push(...health.alertStates);
  context.cycleWrites.alertEvents.push(...health.alertEvents);
  // Nothing was counted from a failed read: its cursor stays where it was. The source's data commits now;
  // evaluations, alert state and the outbox commit together at the end of the cycle, so a crash in between
  // re-decides the same alerts from history next time and still sends them.
  if (!context.dryRun && pulled !== undefined) {
    await context.store.commit({
      cursors: [pulled.cursor],
      buckets,
      seen: pulled.seen,
      lease: { name: context.lease, owner: context.owner, now: context.wallClock() },
    });
  }
  return sourceResult;
}

/**
 * A source error, or anything that is not a slokit error, is the source's failure. Config and input errors, a
 * broken state store or a lost lease are not the source's fault: they stop the cycle.
 */
function sourceFailure(sourceName: string, error: unknown): string {
  if ((error as Error)?.name === 'AbortError') throw error;
  if (SourceError.isInstance(error)) return error.message;
  if (SlokitError.isInstance(error)) throw error;
  return `source '${sourceName}': ${(error as Error)?.message ?? String(error)}`;
}
