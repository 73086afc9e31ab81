import {
  type AlertPolicy,
  type AlertState,
  alertLevelRank,
  defaultAlertPolicy,
  initialAlertState,
  stepAlert,
} from '../alerting/alert-policy.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { SlokitError } from '../errors/slokit-error.js';
import { evalMetricOutcome } from '../evaluation/eval-metric-outcome.js';
import { budgetOf } from '../evaluation/slo-evaluator.js';
import { classifyStatus, satisfies } from '../evaluation/slo-status.js';
import { BucketAggregate } from '../history/bucket-aggregate.js';
import { compileContribution, needsHistogram } from '../history/record-contribution.js';
import { fnv1a, sliDefinition } from '../history/sli-definition.js';
import { windowValue } from '../history/window-value.js';
import type { AlertBatch } from '../notify/channel.js';
import { routeEvents } from '../notify/route-events.js';
import type { EvalRecord } from '../record/eval-record.js';
import { compileFieldPath } from '../record/field-path.js';
import type { SegmentReport, SloReport } from '../report/report.js';
import type { SliValue } from '../sli/sli-accumulator.js';
import { parseDuration } from '../slo/duration.js';
import type { ResolvedSlo } from '../slo/resolved-slo.js';
import { createSource, type SourceFactory } from '../source/create-source.js';
import type { EvalSource, EvalSummary } from '../source/eval-source.js';
import type {
  AlertEventRow,
  AlertStateRow,
  CycleWrites,
  EvaluationRow,
  OutboxRow,
  SliBucket,
  StateStore,
} from '../state/state-store.js';
import { dayMs, HistoryView, hourMs, resolutionDefinition } from './history-view.js';
import { alignDown, BucketSeries, windowRange } from './history-window.js';
import { burnRates, periodBudget } from './period-budget.js';
import { silencedBy } from './silences.js';
import type { AlertEvent, SyncResult, SyncSloResult, SyncSourceResult } from './sync-result.js';
import { WorstExamples } from './worst-examples.js';

export interface SyncProgress {
  source: string;
  records: number;
}

export interface SyncOptions {
  config: ResolvedConfig;
  store: StateStore;
  /** The cycle's time: windows end here, the alert policy's timers use it. Default: now. */
  now?: Date;
  /** Read from here instead of the cursor (backfills, replays). */
  since?: Date;
  /** Compute and report everything, write nothing. */
  dryRun?: boolean;
  /** This process's identity for locks and leases. */
  owner: string;
  /** Several workers share the sources by leases (Postgres); otherwise one global lock. */
  scaleOut?: boolean;
  /** How long a lock or lease lasts without renewal (wall-clock ms); renewed every third of it. Default 2 minutes. */
  leaseTtlMs?: number;
  sources?: Record<string, EvalSource>;
  sourceFactories?: Record<string, SourceFactory>;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** Wall clock for leases, which must not follow a simulated `now`. */
  wallClock?: () => number;
}

const seenChunk = 5000;

/**
 * One sync cycle: pull each source incrementally from its watermark (minus the overlap, deduped by record id),
 * fold new records into 5-minute history buckets, evaluate every SLO over its window from history, compute budgets
 * and burn rates, run the alert policy, and commit it all per source atomically.
 */
export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const { config, store } = options;
  const now = (options.now ?? new Date()).getTime();
  const wallClock = options.wallClock ?? Date.now;
  const ttl = options.leaseTtlMs ?? 2 * 60_000;
  const cycleId = `sync:${new Date(now).toISOString()}`;
  const result: SyncResult = {
    schemaVersion: 1,
    cycleId,
    at: new Date(now).toISOString(),
    dryRun: options.dryRun === true,
    skipped: null,
    sources: [],
    slos: [],
    events: [],
    published: [],
    deliveries: [],
    compliance: null,
    complianceCounts: { met: 0, counted: 0 },
  };

  const globalLock = options.scaleOut ? undefined : 'sync';
  if (globalLock && !(await store.tryAcquireLease(globalLock, options.owner, ttl, wallClock()))) {
    result.skipped = 'another sync is running';
    return result;
  }
  // Renew what this worker holds while the cycle runs, so a long pull keeps its lease and a dead worker's lapses fast.
  let handOverLeases: string[] = [];
  const held = new Set<string>(globalLock ? [globalLock] : []);
  const heartbeat = setInterval(
    () => {
      for (const name of held)
        void store.tryAcquireLease(name, options.owner, ttl, wallClock()).catch(() => {});
    },
    Math.max(1000, ttl / 3),
  );
  heartbeat.unref?.();
  try {
    const { owned, handOver } = await ownedSources(options, ttl, wallClock);
    if (!globalLock) for (const name of owned) held.add(`source:${name}`);
    handOverLeases = handOver;
    const alertStates = new Map(
      (await store.getAlertStates()).map((row) => [`${row.slo}\u0000${row.segment}`, row]),
    );
    const silences = await store.listSilences({ activeAt: now });
    const cycleWrites: CycleWrites = { evaluations: [], alertStates: [], alertEvents: [], outbox: [] };
    const refreshEvents: AlertEvent[] = [];
    for (const sourceName of Object.keys(config.sources)) {
      const slos = config.slos.filter((slo) => slo.source === sourceName);
      if (slos.length === 0) continue;
      if (!owned.has(sourceName)) {
        result.sources.push(emptySourceResult(sourceName, config, now, true));
        continue;
      }
      const lease = globalLock ?? `source:${sourceName}`;
      const sourceResult = await syncSource(
        sourceName,
        slos,
        { ...options, now, lease, alertStates, silences, cycleId, wallClock, cycleWrites, refreshEvents },
        result,
      );
      result.sources.push(sourceResult);
    }
    cycleWrites.outbox = outboxRows(config, result.events, refreshEvents, cycleId, now);
    result.deliveries = cycleWrites.outbox.map((row) => ({
      id: row.id,
      channel: row.channel,
      events: (JSON.parse(row.payload) as AlertBatch).events.length,
    }));
    if (!options.dryRun) {
      await store.commit({
        ...cycleWrites,
        lease: { name: globalLock ?? `worker:${options.owner}`, owner: options.owner, now: wallClock() },
      });
    }
    if (!options.dryRun) await store.prune(pruneHorizon(config, now));
  } finally {
    clearInterval(heartbeat);
    if (globalLock) await store.releaseLease(globalLock, options.owner);
    for (const lease of handOverLeases) await store.releaseLease(lease, options.owner);
  }
  const counted = result.slos.filter((slo) => slo.status !== 'no_data' && slo.status !== 'insufficient_data');
  const met = counted.filter((slo) => slo.status === 'ok').length;
  result.compliance = counted.length === 0 ? null : met / counted.length;
  result.complianceCounts = { met, counted: counted.length };
  result.slos.sort(
    (a, b) =>
      config.slos.findIndex((slo) => slo.name === a.name) -
      config.slos.findIndex((slo) => slo.name === b.name),
  );
  return result;
}

/**
 * Which sources this worker syncs: all of them under the global lock. Under scale-out, the sources whose lease it
 * gets: those rendezvous hashing prefers it for among the live workers, plus those it still holds from before a new
 * worker joined (it syncs them once more and hands them over at the end of the cycle, so none is skipped).
 */
async function ownedSources(
  options: SyncOptions,
  ttl: number,
  wallClock: () => number,
): Promise<{ owned: Set<string>; handOver: string[] }> {
  const names = Object.keys(options.config.sources);
  if (!options.scaleOut) return { owned: new Set(names), handOver: [] };
  const { store, owner } = options;
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
    // Rendezvous hashing: every worker computes the same owner for a source from the same live set.
    const preferred = workers.reduce((best, worker) =>
      fnv1a(`${worker}|${name}`) > fnv1a(`${best}|${name}`) ? worker : best,
    );
    if (preferred !== owner) {
      if (
        held.has(`source:${name}`) &&
        (await store.tryAcquireLease(`source:${name}`, owner, ttl, wallClock()))
      ) {
        owned.add(name);
        handOver.push(`source:${name}`);
      }
      continue;
    }
    if (await store.tryAcquireLease(`source:${name}`, owner, ttl, wallClock())) owned.add(name);
  }
  return { owned, handOver };
}

function emptySourceResult(
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

interface SourceCycleContext extends Omit<SyncOptions, 'now'> {
  now: number;
  cycleWrites: CycleWrites;
  /** Still-active alerts without an event this cycle: re-posted to channels that expect that (Alertmanager). */
  refreshEvents: AlertEvent[];
  lease: string;
  alertStates: Map<string, AlertStateRow>;
  silences: Awaited<ReturnType<StateStore['listSilences']>>;
  cycleId: string;
  wallClock: () => number;
}

interface SloCycle {
  slo: ResolvedSlo;
  definition: string;
  contribute: ((record: EvalRecord, bucket: BucketAggregate) => boolean) | undefined;
  readSegment: ((record: EvalRecord) => unknown) | undefined;
  histogram: boolean;
  /** New records' contributions this cycle, by segment and bucket start. */
  deltas: BucketSeries;
  worst: WorstExamples;
}

async function syncSource(
  sourceName: string,
  slos: ResolvedSlo[],
  context: SourceCycleContext,
  result: SyncResult,
): Promise<SyncSourceResult> {
  const { config, store, now } = context;
  const sourceResult = emptySourceResult(sourceName, config, now, false);
  const cycles: SloCycle[] = slos.map((slo) => ({
    slo,
    definition: sliDefinition(slo),
    contribute: slo.sli.kind === 'evalMetric' ? undefined : compileContribution(slo.sli),
    readSegment: slo.groupBy === undefined ? undefined : compileFieldPath(slo.groupBy),
    histogram: needsHistogram(slo.sli),
    deltas: new BucketSeries(),
    worst: new WorstExamples(slo),
  }));
  const writes: CycleWrites = {
    buckets: [],
    seen: [],
    evaluations: [],
    alertStates: [],
    alertEvents: [],
    cursors: [],
  };
  let summary: EvalSummary | undefined;
  let failure: string | null = null;
  let newestRecord: number | null = null;

  try {
    const source =
      context.sources?.[sourceName] ??
      (await createSource(sourceName, config, {
        ...(context.sourceFactories ? { factories: context.sourceFactories } : {}),
        ...(context.env ? { env: context.env } : {}),
      }));
    sourceResult.type = source.type;
    const cursor = await store.getCursor(sourceName);
    const longest = Math.max(...slos.map((slo) => slo.windowMs ?? config.sync.backfillMs));
    const since =
      context.since?.getTime() ??
      (cursor?.watermark != null
        ? cursor.watermark - config.sync.overlapMs
        : now - Math.min(longest, config.sync.backfillMs));
    sourceResult.since = new Date(since).toISOString();
    sourceResult.until = new Date(now).toISOString();
    let watermark = cursor?.watermark ?? null;
    let lastCursor: string | null = cursor?.cursor ?? null;

    if (cycles.some((cycle) => cycle.contribute)) {
      const seenThisCycle = new Set<string>();
      const readOptions = {
        since: new Date(since),
        until: new Date(now),
        ...(context.signal ? { signal: context.signal } : {}),
      };
      for await (const batch of source.readRecords(readOptions)) {
        sourceResult.skipped += batch.issues.length;
        if (batch.cursor !== undefined) lastCursor = batch.cursor;
        const ids = batch.records.map(
          (record, index) => record.id ?? `h:${fnv1a(`${batch.times[index]}|${JSON.stringify(record)}`)}`,
        );
        const seen = new Set<string>();
        for (let offset = 0; offset < ids.length; offset += seenChunk) {
          for (const id of await store.filterSeen(sourceName, ids.slice(offset, offset + seenChunk)))
            seen.add(id);
        }
        batch.records.forEach((record, index) => {
          sourceResult.read++;
          const id = ids[index]!;
          const time = batch.times[index]!;
          if (seen.has(id) || seenThisCycle.has(id) || Number.isNaN(time)) {
            sourceResult.duplicates += seen.has(id) || seenThisCycle.has(id) ? 1 : 0;
            if (Number.isNaN(time)) sourceResult.skipped++;
            return;
          }
          seenThisCycle.add(id);
          sourceResult.counted++;
          writes.seen!.push({ source: sourceName, id, time });
          if (watermark === null || time > watermark) watermark = time;
          const start = alignDown(time);
          for (const cycle of cycles) {
            if (!cycle.contribute) continue;
            const segmentValue = cycle.readSegment?.(record);
            const segment =
              segmentValue === undefined || segmentValue === null || segmentValue === ''
                ? '(none)'
                : String(segmentValue);
            const overall = bucketOf(cycle.deltas, '', start, cycle.histogram);
            if (!cycle.contribute(record, overall)) continue;
            if (cycle.readSegment)
              cycle.contribute(record, bucketOf(cycle.deltas, segment, start, cycle.histogram));
            cycle.worst.consider(record);
          }
        });
        context.onProgress?.({ source: sourceName, records: sourceResult.read });
      }
    }
    if (cycles.some((cycle) => !cycle.contribute) && source.readEvalSummary) {
      summary = await source.readEvalSummary(context.signal ? { signal: context.signal } : {});
    }
    writes.cursors!.push({ source: sourceName, cursor: lastCursor, watermark, updatedAt: now });
    newestRecord = watermark;
  } catch (error) {
    if (!(SlokitError.isInstance(error) && error.exitCode === 3) && SlokitError.isInstance(error))
      throw error;
    if ((error as Error)?.name === 'AbortError') throw error;
    failure = SlokitError.isInstance(error)
      ? error.message
      : `source '${sourceName}': ${(error as Error)?.message ?? String(error)}`;
    sourceResult.error = failure;
  }

  for (const cycle of cycles) {
    const sloResults = await evaluateSlo(cycle, context, writes, summary, failure);
    result.slos.push(sloResults.slo);
    result.events.push(...sloResults.events);
  }
  result.events.push(...sourceHealth(sourceName, failure, newestRecord, context, writes));
  if (failure !== null) {
    // Nothing was counted from a failed read: keep the cursor where it was, but keep evaluations and alert states.
    writes.cursors = [];
    writes.seen = [];
    writes.buckets = [];
  }
  // The source's data commits now; evaluations, alert state and the outbox commit together at the end of the cycle,
  // so a crash in between re-decides the same alerts from history next time and still sends them.
  context.cycleWrites.evaluations!.push(...writes.evaluations!);
  context.cycleWrites.alertStates!.push(...writes.alertStates!);
  context.cycleWrites.alertEvents!.push(...writes.alertEvents!);
  if (!context.dryRun) {
    await store.commit({
      cursors: writes.cursors!,
      buckets: writes.buckets!,
      seen: writes.seen!,
      lease: { name: context.lease, owner: context.owner, now: context.wallClock() },
    });
  }
  return sourceResult;
}

function bucketOf(series: BucketSeries, segment: string, start: number, histogram: boolean): BucketAggregate {
  const existing = series.buckets(segment, start, start + 1)[0];
  if (existing) return existing[1];
  const bucket = new BucketAggregate(histogram);
  series.set(segment, start, bucket);
  return bucket;
}

async function evaluateSlo(
  cycle: SloCycle,
  context: SourceCycleContext,
  writes: CycleWrites,
  summary: EvalSummary | undefined,
  failure: string | null,
): Promise<{ slo: SyncSloResult; events: AlertEvent[] }> {
  const { slo } = cycle;
  const now = context.now;
  let series: HistoryView | undefined;
  let overall: SliValue;
  let segments: SegmentReport[] | null = null;
  const notes: string[] = [];
  if (failure !== null) notes.push(`no new data this cycle: ${failure}`);

  if (slo.sli.kind === 'evalMetric') {
    const outcome =
      failure !== null
        ? { value: null, samples: 0, notes: [] }
        : evalMetricOutcome(slo, summary, new Date(now));
    notes.push(...outcome.notes);
    overall = {
      value: outcome.value,
      samples: outcome.samples,
      interval: null,
      good: null,
      exact: null,
      ignored: 0,
    };
  } else {
    // History for every range this SLO reads: its window, the last hour, and its burn-rate windows.
    const range = windowRange(now, slo.windowMs);
    const end = range.to;
    const froms = [
      range.from,
      end - 3_600_000,
      ...slo.burnRates.flatMap((rule) => [end - parseDuration(rule.long)!, end - parseDuration(rule.short)!]),
    ];
    const deltaRange = deltaStarts(cycle.deltas);
    series = await HistoryView.load(
      context.store,
      { slo: slo.name, definition: cycle.definition, at: now, froms },
      deltaRange,
    );
    foldDeltas(cycle, series, writes);
    overall = windowValue(slo.sli, series.merged('', range.from, range.to, cycle.histogram));
    if (slo.groupBy !== undefined) {
      segments = series
        .segments()
        .map((segment) => {
          const value = windowValue(
            slo.sli as Exclude<ResolvedSlo['sli'], { kind: 'evalMetric' }>,
            series!.merged(segment, range.from, range.to, cycle.histogram),
          );
          return {
            key: segment,
            status: classifyStatus(value.value, value.samples, slo.minSamples, slo.objective),
            value: value.value,
            samples: value.samples,
            interval: value.interval,
            errorBudget: budgetOf(slo, value),
            exact: value.exact,
          };
        })
        .filter((segment) => segment.samples > 0);
    }
  }

  const status = classifyStatus(overall.value, overall.samples, slo.minSamples, slo.objective);
  const budget = series ? periodBudget(slo, series, now) : null;
  const burns = series ? burnRates(slo, series, now) : [];
  const report: SloReport = {
    name: slo.name,
    description: slo.description ?? null,
    source: slo.source,
    sli:
      slo.sli.kind === 'metric'
        ? { kind: 'metric', field: slo.sli.metric, aggregate: slo.sli.aggregate }
        : slo.sli.kind === 'ratio'
          ? { kind: 'ratio', field: slo.sli.good.field, aggregate: null }
          : { kind: 'evalMetric', field: slo.sli.name, aggregate: null },
    status,
    value: overall.value,
    samples: overall.samples,
    op: slo.objective.op,
    opInferred: slo.opInferred ?? null,
    target: slo.objective.target,
    warning: slo.objective.warning ?? null,
    critical: slo.objective.critical ?? null,
    window: slo.window ?? null,
    windowStart: slo.windowMs === undefined ? null : new Date(now - slo.windowMs).toISOString(),
    interval: overall.interval,
    errorBudget: budgetOf(slo, overall),
    exact: overall.exact,
    groupBy: slo.groupBy ?? null,
    segments,
    unit: slo.unit,
    runbook: slo.runbook ?? null,
    labels: slo.labels,
    notes,
  };

  // The alert policy: the SLO as a whole, then each segment with the same policy (burn rates apply to the whole).
  const events: AlertEvent[] = [];
  const highestBurn =
    burns.filter((burn) => burn.firing).sort((a, b) => alertLevelRank[b.level] - alertLevelRank[a.level])[0]
      ?.level ?? null;
  const targets: Array<{
    segment: string;
    status: SloReport['status'];
    value: number | null;
    samples: number;
    interval: SloReport['interval'];
    burn: typeof highestBurn;
  }> = [
    {
      segment: '',
      status,
      value: overall.value,
      samples: overall.samples,
      interval: overall.interval,
      burn: highestBurn,
    },
    ...(segments ?? []).map((segment) => ({
      segment: segment.key,
      status: segment.status,
      value: segment.value,
      samples: segment.samples,
      interval: segment.interval,
      burn: null,
    })),
  ];
  let alertLevel: SyncSloResult['alertLevel'] = 'none';
  for (const target of targets) {
    const key = `${slo.name}\u0000${target.segment}`;
    const previousRow = context.alertStates.get(key);
    const previous: AlertState = previousRow
      ? (JSON.parse(previousRow.state) as AlertState)
      : initialAlertState;
    const silenced = silencedBy(slo.name, target.segment, now, context.silences, context.config.maintenance);
    const step = stepAlert(
      previous,
      {
        at: now,
        status: target.status,
        burn: target.burn,
        value: target.value,
        silenced: silenced !== undefined,
      },
      slo.alerting,
    );
    if (target.segment === '') alertLevel = step.state.level;
    const stateRow = {
      slo: slo.name,
      segment: target.segment,
      state: JSON.stringify(step.state),
      updatedAt: now,
    };
    writes.alertStates!.push(stateRow);
    context.alertStates.set(key, stateRow);
    writes.evaluations!.push({
      slo: slo.name,
      segment: target.segment,
      at: now,
      status: target.status,
      value: target.value,
      samples: target.samples,
      budgetRemaining: target.segment === '' ? (budget?.remaining ?? null) : null,
      level: step.state.level,
      details: JSON.stringify(
        target.segment === ''
          ? { interval: target.interval, budget, burnRates: burns }
          : { interval: target.interval },
      ),
    } satisfies EvaluationRow);
    // An alert that stays active without an event this cycle is still re-posted to Alertmanager-type channels,
    // which expect firing alerts every cycle; other channels keep their repeat interval.
    const transitions: Array<(typeof step.events)[number] & { refresh?: true }> =
      step.events.length === 0 && step.state.level !== 'none' && silenced === undefined
        ? [
            {
              kind: 'repeated',
              level: step.state.level,
              previousLevel: step.state.level,
              peakLevel: step.state.peak ?? step.state.level,
              at: now,
              silenced: false,
              refresh: true,
            },
          ]
        : step.events;
    for (const transition of transitions) {
      const event: AlertEvent = {
        id: fnv1a(`${context.cycleId}|${slo.name}|${target.segment}|${transition.kind}|${transition.level}`),
        kind: transition.kind,
        level: transition.level,
        previousLevel: transition.previousLevel,
        peakLevel: transition.peakLevel,
        at: new Date(now).toISOString(),
        slo: slo.name,
        segment: target.segment,
        groupBy: slo.groupBy ?? null,
        description: slo.description ?? null,
        status: target.status,
        value: target.value,
        unit: slo.unit,
        op: slo.objective.op,
        target: slo.objective.target,
        warning: slo.objective.warning ?? null,
        critical: slo.objective.critical ?? null,
        window: slo.window ?? null,
        samples: target.samples,
        interval: target.interval,
        budget: target.segment === '' ? budget : null,
        burnRates: target.segment === '' ? burns : [],
        previousValue: previous.lastValue,
        worstExamples: cycle.worst.list(),
        runbook: slo.runbook ?? null,
        labels: slo.labels,
        silencedBy: silenced ?? null,
      };
      if (transition.refresh) {
        context.refreshEvents.push(event);
        continue;
      }
      events.push(event);
      writes.alertEvents!.push({
        id: event.id,
        slo: slo.name,
        segment: target.segment,
        at: now,
        kind: event.kind,
        level: event.level,
        silenced: silenced !== undefined,
        payload: JSON.stringify(event),
      } satisfies AlertEventRow);
    }
  }
  return { slo: { ...report, budget, burnRates: burns, alertLevel }, events };
}

function deltaStarts(series: BucketSeries): { from: number } | undefined {
  const starts = ['', ...series.segments()].flatMap((segment) =>
    series.buckets(segment, 0, Number.POSITIVE_INFINITY).map(([start]) => start),
  );
  return starts.length === 0 ? undefined : { from: Math.min(...starts) };
}

/**
 * Folds a cycle's new records into the stored 5-minute buckets and their hourly and daily rollups. A 5-minute
 * bucket of a value SLI is one slice: good when its value meets the objective. Rollups count slices; when late data
 * changes a slice's verdict, the rollups take the difference.
 */
function foldDeltas(cycle: SloCycle, view: HistoryView, writes: CycleWrites): void {
  const { slo } = cycle;
  const sli = slo.sli as Exclude<ResolvedSlo['sli'], { kind: 'evalMetric' }>;
  const rollups = { '1h': new BucketSeries(), '1d': new BucketSeries() };
  const write = (
    resolution: '5m' | '1h' | '1d',
    segment: string,
    start: number,
    aggregate: BucketAggregate,
  ) => {
    writes.buckets!.push(
      aggregate.toRow({
        slo: slo.name,
        definition: resolutionDefinition(cycle.definition, resolution),
        segment,
        start,
      }) as SliBucket,
    );
  };
  for (const segment of ['', ...cycle.deltas.segments()]) {
    for (const [start, delta] of cycle.deltas.buckets(segment, 0, Number.POSITIVE_INFINITY)) {
      const stored = view.get('5m', segment, start);
      const merged = new BucketAggregate(cycle.histogram);
      if (stored) merged.merge(stored);
      merged.merge(delta);
      if (sli.kind === 'metric') {
        const value = windowValue(sli, merged).value;
        merged.slices = value === null ? 0 : 1;
        merged.goodSlices =
          value !== null && satisfies(value, slo.objective.op, slo.objective.target) ? 1 : 0;
      }
      delta.slices = merged.slices - (stored?.slices ?? 0);
      delta.goodSlices = merged.goodSlices - (stored?.goodSlices ?? 0);
      view.set('5m', segment, start, merged);
      write('5m', segment, start, merged);
      for (const [resolution, size] of [
        ['1h', hourMs],
        ['1d', dayMs],
      ] as const) {
        const rollupStart = Math.floor(start / size) * size;
        let pending = rollups[resolution].buckets(segment, rollupStart, rollupStart + 1)[0]?.[1];
        if (!pending) {
          pending = new BucketAggregate(cycle.histogram);
          const existing = view.get(resolution, segment, rollupStart);
          if (existing) pending.merge(existing);
          rollups[resolution].set(segment, rollupStart, pending);
        }
        pending.merge(delta);
      }
    }
  }
  for (const resolution of ['1h', '1d'] as const) {
    for (const segment of ['', ...rollups[resolution].segments()]) {
      for (const [start, aggregate] of rollups[resolution].buckets(segment, 0, Number.POSITIVE_INFINITY)) {
        view.set(resolution, segment, start, aggregate);
        write(resolution, segment, start, aggregate);
      }
    }
  }
}

const day = 86_400_000;

/**
 * What history keeps: seen ids a day past the overlap (only the overlap is ever re-read), 5-minute buckets for two
 * days (rollups answer older windows), rollups a day past the longest window, and 90 days of evaluations and alert
 * events for reports and reviews.
 */
export function pruneHorizon(config: ResolvedConfig, now: number) {
  const longest = Math.max(day, ...config.slos.map((slo) => slo.windowMs ?? config.sync.backfillMs));
  return {
    seen: now - config.sync.overlapMs - day,
    buckets: now - longest - day,
    fineBuckets: now - 2 * day,
    evaluations: now - 90 * day,
    alertEvents: now - 90 * day,
    outbox: now - 7 * day,
  };
}

/** One outbox row per channel that a route sends this cycle's events to: the batch, never the channel's secrets. */
function outboxRows(
  config: ResolvedConfig,
  events: AlertEvent[],
  refreshEvents: AlertEvent[],
  cycleId: string,
  now: number,
): OutboxRow[] {
  const rows: OutboxRow[] = [];
  const routed = routeEvents(events, config.routes);
  for (const [channel, refreshed] of routeEvents(refreshEvents, config.routes)) {
    if (config.channels[channel]?.type !== 'alertmanager') continue;
    routed.set(channel, [...(routed.get(channel) ?? []), ...refreshed]);
  }
  for (const [channel, routedEvents] of routed) {
    // Channels with a schedule (a daily email) get the period's report instead of single alerts.
    if (config.channels[channel]?.schedule !== undefined) continue;
    const batch: AlertBatch = {
      id: fnv1a(`${cycleId}|${channel}`),
      cycleId,
      at: new Date(now).toISOString(),
      channel,
      events: routedEvents,
    };
    rows.push({
      id: batch.id,
      channel,
      payload: JSON.stringify(batch),
      createdAt: now,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
    });
  }
  return rows;
}

const sourceHealthPolicy: AlertPolicy = { ...defaultAlertPolicy, for: 1, resolveAfter: 1, pageAfter: null };

/**
 * The health of a source as an alert of its own (`source:<name>`): critical while it cannot be read, warning when it
 * has returned nothing new for longer than `sync.staleAfter`, resolved when it is back.
 */
function sourceHealth(
  sourceName: string,
  failure: string | null,
  newestRecord: number | null,
  context: SourceCycleContext,
  writes: CycleWrites,
): AlertEvent[] {
  const { now, config } = context;
  const staleAfter = config.sync.staleAfterMs;
  const stale =
    failure === null &&
    staleAfter !== undefined &&
    (newestRecord === null || now - newestRecord > staleAfter);
  const status = failure !== null ? 'critical' : stale ? 'warning' : 'ok';
  const slo = `source:${sourceName}`;
  const key = `${slo}\u0000`;
  const previousRow = context.alertStates.get(key);
  if (previousRow === undefined && status === 'ok') return [];
  const previous: AlertState = previousRow
    ? (JSON.parse(previousRow.state) as AlertState)
    : initialAlertState;
  const step = stepAlert(
    previous,
    { at: now, status, burn: null, value: null, silenced: false },
    sourceHealthPolicy,
  );
  const stateRow = { slo, segment: '', state: JSON.stringify(step.state), updatedAt: now };
  writes.alertStates!.push(stateRow);
  context.alertStates.set(key, stateRow);
  const description =
    failure !== null
      ? failure
      : stale
        ? `no new records since ${newestRecord === null ? 'the first sync' : new Date(newestRecord).toISOString()}`
        : `source '${sourceName}' is healthy again`;
  return step.events.map((transition) => {
    const event: AlertEvent = {
      id: fnv1a(`${context.cycleId}|${slo}|${transition.kind}|${transition.level}`),
      kind: transition.kind,
      level: transition.level,
      previousLevel: transition.previousLevel,
      peakLevel: transition.peakLevel,
      at: new Date(now).toISOString(),
      slo,
      segment: '',
      groupBy: null,
      description,
      status,
      value: null,
      unit: 'count',
      op: 'gte',
      target: 1,
      warning: null,
      critical: null,
      window: staleAfter === undefined ? null : `${Math.round(staleAfter / 60_000)}m`,
      samples: 0,
      interval: null,
      budget: null,
      burnRates: [],
      previousValue: null,
      worstExamples: [],
      runbook: null,
      labels: { source: sourceName },
      silencedBy: null,
    };
    writes.alertEvents!.push({
      id: event.id,
      slo,
      segment: '',
      at: now,
      kind: event.kind,
      level: event.level,
      silenced: false,
      payload: JSON.stringify(event),
    });
    return event;
  });
}
