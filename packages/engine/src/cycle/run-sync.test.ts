import {
  type CycleWrites,
  createMemorySource,
  createMemoryStateStore,
  type EvalRecord,
  resolveConfig,
  type SlokitConfig,
  type StateStoreV1,
} from '@slokit/core/internal';
import { describe, expect, it } from 'vitest';
import { check } from '../check/check.js';
import { runSync } from './run-sync.js';

const start = Date.parse('2026-11-26T00:00:00Z');
const minute = 60_000;

/** One record a minute: latency 100..1000 ms, every 10th an error, helpfulness by model. */
function traffic(
  fromMinute: number,
  toMinute: number,
  shape: (minute: number) => Partial<EvalRecord> = () => ({}),
): EvalRecord[] {
  const records: EvalRecord[] = [];
  for (let index = fromMinute; index < toMinute; index++) {
    records.push({
      id: `r${index}`,
      timestamp: new Date(start + index * minute + 1000).toISOString(),
      latency_ms: 100 + (index % 10) * 100,
      status: index % 10 === 0 ? 'error' : 'success',
      scores: { helpfulness: index % 2 === 0 ? 0.9 : 0.7 },
      metadata: { model: index % 2 === 0 ? 'gpt-4o' : 'gpt-4o-mini' },
      ...shape(index),
    });
  }
  return records;
}

const slos: SlokitConfig['slos'] = [
  {
    name: 'availability',
    sli: { ratio: { good: { field: 'status', equals: 'success' } } },
    objective: { op: 'gte', target: 0.85 },
    window: '1h',
  },
  {
    name: 'helpfulness',
    sli: { metric: 'scores.helpfulness', aggregate: 'mean' },
    objective: { target: 0.75, critical: 0.6 },
    window: '1h',
    groupBy: 'model',
  },
  {
    name: 'p90-latency',
    sli: { metric: 'latency_ms', aggregate: 'p90' },
    objective: { op: 'lte', target: 2000 },
    window: '1h',
  },
];

function setup(records: EvalRecord[], extra: Partial<SlokitConfig> = {}) {
  const config = resolveConfig(
    { sources: { prod: { type: 'memory' } }, slos, ...extra },
    { baseDir: '/tmp' },
  );
  const store = createMemoryStateStore();
  const source = createMemorySource('prod', records);
  const sync = (at: number, options: { owner?: string; store?: StateStoreV1 } = {}) =>
    runSync({
      config,
      store: options.store ?? store,
      now: new Date(at),
      owner: options.owner ?? 'test',
      sources: { prod: source },
    });
  return { config, store, sync };
}

describe('runSync', () => {
  it('answers windows from history as check answers them from records', async () => {
    const records = traffic(0, 120);
    const { config, sync } = setup(records);
    const at = start + 120 * minute;
    const result = await sync(at);
    const reference = await check(config, {
      at: new Date(at),
      sources: { prod: createMemorySource('prod', records) },
    });
    expect(result.skipped).toBeNull();
    // A first sync backfills the longest SLO window (1h), not everything the source holds.
    expect(result.sources[0]).toMatchObject({ name: 'prod', read: 60, counted: 60, duplicates: 0 });
    expect(result.sources[0]!.since).toBe(new Date(at - 60 * minute).toISOString());
    for (const name of ['availability', 'helpfulness']) {
      const fromHistory = result.slos.find((slo) => slo.name === name)!;
      const fromRecords = reference.slos.find((slo) => slo.name === name)!;
      expect(fromHistory.samples).toBe(fromRecords.samples);
      expect(fromHistory.value).toBeCloseTo(fromRecords.value!, 12);
      expect(fromHistory.status).toBe(fromRecords.status);
    }
    const helpfulness = result.slos.find((slo) => slo.name === 'helpfulness')!;
    expect(helpfulness.segments?.map((segment) => [segment.key, segment.value, segment.samples])).toEqual([
      ['gpt-4o', 0.9, 30],
      ['gpt-4o-mini', 0.7, 30],
    ]);
    // Percentiles come from mergeable histograms: the lower order statistic within 1 %.
    const p90 = result.slos.find((slo) => slo.name === 'p90-latency')!;
    expect(p90.exact).toBe(false);
    expect(Math.abs(p90.value! - 900)).toBeLessThanOrEqual(9);
  });

  it('pulls incrementally with an overlap and never counts a record twice, late data included', async () => {
    const records = traffic(0, 60);
    const { sync, store, config } = setup(records);
    await sync(start + 60 * minute);
    records.push(...traffic(60, 90));
    // A late record: it happened at minute 55 but arrives now, inside the 10-minute overlap.
    records.push({
      id: 'late',
      timestamp: new Date(start + 55 * minute + 30_000).toISOString(),
      latency_ms: 50,
      status: 'error',
    });
    const second = await sync(start + 90 * minute);
    expect(second.sources[0]).toMatchObject({ counted: 31 });
    expect(second.sources[0]!.duplicates).toBeGreaterThan(0);
    const third = await sync(start + 95 * minute);
    expect(third.sources[0]).toMatchObject({ counted: 0 });
    const availability = third.slos.find((slo) => slo.name === 'availability')!;
    const reference = await check(config, {
      at: new Date(start + 95 * minute),
      sources: { prod: createMemorySource('prod', records) },
    });
    expect(availability.samples).toBe(reference.slos[0]!.samples);
    expect(availability.value).toBeCloseTo(reference.slos[0]!.value!, 12);
    const cursor = await store.getCursor('prod');
    expect(cursor?.watermark).toBe(start + 89 * minute + 1000);
  });

  it('loses and double counts nothing when a commit fails half way', async () => {
    const records = traffic(0, 60);
    const { sync, store } = setup(records);
    await sync(start + 30 * minute);
    let failNext = true;
    const flaky: StateStoreV1 = {
      ...store,
      async commit(writes: CycleWrites) {
        if (failNext) {
          failNext = false;
          throw new Error('disk full');
        }
        return store.commit(writes);
      },
    };
    await expect(sync(start + 60 * minute, { store: flaky })).rejects.toThrow('disk full');
    const rerun = await sync(start + 60 * minute);
    const availability = rerun.slos.find((slo) => slo.name === 'availability')!;
    expect(availability.samples).toBe(60);
    expect(availability.value).toBeCloseTo(54 / 60, 12);
  });

  it('does nothing while another sync holds the lock', async () => {
    const { sync, store } = setup(traffic(0, 10));
    expect(await store.tryAcquireLease('sync', 'other', 60_000, Date.now())).toBe(true);
    const result = await sync(start + 10 * minute);
    expect(result.skipped).toBe('another sync is running');
    expect(await store.getCursor('prod')).toBeUndefined();
  });

  it('fires on the second breaching cycle, escalates, and resolves after two good cycles', async () => {
    // Errors burst between minutes 60 and 80: availability over 1h falls under 85 %, then recovers.
    const records = traffic(0, 240, (index) => (index >= 60 && index < 80 ? { status: 'error' } : {}));
    const { sync } = setup(records);
    const log: string[] = [];
    for (let at = 60; at <= 240; at += 5) {
      const result = await sync(start + at * minute);
      for (const event of result.events.filter((candidate) => candidate.slo === 'availability')) {
        log.push(`${at}:${event.kind}:${event.level}`);
      }
    }
    expect(log[0]).toMatch(/^7\d:fired:critical$/);
    expect(log.some((entry) => entry.includes('escalated:page'))).toBe(true);
    expect(log.at(-1)).toMatch(/:resolved:none$/);
    expect(log.length).toBeLessThanOrEqual(4);
  });

  it('writes nothing in a dry run', async () => {
    const { config, store } = setup(traffic(0, 30));
    const result = await runSync({
      config,
      store,
      now: new Date(start + 30 * minute),
      owner: 'test',
      dryRun: true,
      sources: { prod: createMemorySource('prod', traffic(0, 30)) },
    });
    expect(result.dryRun).toBe(true);
    expect(result.slos.find((slo) => slo.name === 'availability')?.samples).toBe(30);
    expect(await store.getCursor('prod')).toBeUndefined();
    expect(await store.getEvaluations({ from: 0, to: Number.MAX_SAFE_INTEGER })).toEqual([]);
  });
});

describe('runSync source health and maintenance', () => {
  it('raises a source-health alert while a source fails or goes quiet, and resolves it when it is back', async () => {
    const records = traffic(0, 60);
    const config = resolveConfig(
      { sources: { prod: { type: 'memory' } }, slos, sync: { staleAfter: '30m' } },
      { baseDir: '/tmp' },
    );
    const store = createMemoryStateStore();
    let broken = false;
    const healthy = createMemorySource('prod', records);
    const source = {
      ...healthy,
      readRecords: (options?: Parameters<typeof healthy.readRecords>[0]) => {
        if (broken) throw new Error('503 Service Unavailable');
        return healthy.readRecords(options);
      },
    };
    const health = async (minutes: number) => {
      const result = await runSync({
        config,
        store,
        now: new Date(start + minutes * minute),
        owner: 't',
        sources: { prod: source },
      });
      return result.events
        .filter((event) => event.slo === 'source:prod')
        .map((event) => `${event.kind}:${event.level}`);
    };
    expect(await health(60)).toEqual([]);
    broken = true;
    expect(await health(65)).toEqual(['fired:critical']);
    expect(await health(70)).toEqual([]);
    broken = false;
    expect(await health(75)).toEqual(['resolved:none']);
    // No new record since minute 59: quiet for longer than 30 minutes.
    expect(await health(95)).toEqual(['fired:warning']);
  });

  it('records events inside a maintenance window as silenced', async () => {
    const records = traffic(0, 120, (index) => (index >= 60 ? { status: 'error' } : {}));
    const config = resolveConfig(
      {
        sources: { prod: { type: 'memory' } },
        slos,
        maintenance: [
          {
            from: new Date(start + 60 * minute).toISOString(),
            to: new Date(start + 200 * minute).toISOString(),
            slos: ['availability'],
            reason: 'failover drill',
          },
        ],
      },
      { baseDir: '/tmp' },
    );
    const store = createMemoryStateStore();
    const events = [];
    for (let minutes = 60; minutes <= 120; minutes += 5) {
      const result = await runSync({
        config,
        store,
        now: new Date(start + minutes * minute),
        owner: 't',
        sources: { prod: createMemorySource('prod', records) },
      });
      events.push(...result.events.filter((event) => event.slo === 'availability'));
    }
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.silencedBy === 'maintenance: failover drill')).toBe(true);
  });
});

describe('runSync outbox', () => {
  it('queues one batch per channel and cycle, and re-posts active alerts every cycle to Alertmanager only', async () => {
    const records = traffic(0, 180, (index) => (index >= 60 ? { status: 'error' } : {}));
    const config = resolveConfig(
      {
        sources: { prod: { type: 'memory' } },
        slos: (slos as unknown[]).slice(0, 1) as SlokitConfig['slos'],
        channels: {
          am: { type: 'alertmanager', url: 'http://127.0.0.1:9093' },
          chat: { type: 'slack', webhookUrl: 'https://hooks.example.com/x' },
        },
        routes: [{ to: ['am', 'chat'] }],
      },
      { baseDir: '/tmp' },
    );
    const store = createMemoryStateStore();
    const source = createMemorySource('prod', records);
    for (let minutes = 60; minutes <= 120; minutes += 5) {
      await runSync({
        config,
        store,
        now: new Date(start + minutes * minute),
        owner: 't',
        sources: { prod: source },
      });
    }
    const rows = await store.getDueOutbox(Number.MAX_SAFE_INTEGER, 1000);
    const byChannel = (name: string) =>
      rows
        .filter((row) => row.channel === name)
        .map((row) =>
          JSON.parse(row.payload)
            .events.map((event: { kind: string }) => event.kind)
            .join(','),
        );
    // Slack hears of changes only (fired, escalated, ...); Alertmanager also gets the firing alert every cycle.
    expect(byChannel('chat').every((kinds) => !kinds.includes('repeated'))).toBe(true);
    expect(byChannel('am').length).toBeGreaterThan(byChannel('chat').length);
    expect(byChannel('am').filter((kinds) => kinds === 'repeated').length).toBeGreaterThan(3);
    expect(rows.every((row) => !row.payload.includes('hooks.example.com'))).toBe(true);
  });
});
