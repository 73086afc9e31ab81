import {
  type AlertEventRow,
  type AlertStateRow,
  type EvaluationRow,
  LeaseLostError,
  type OutboxRow,
  type PublishLogRow,
  type Silence,
  type SliBucket,
  SlokitError,
  type SourceCursor,
  type StateStoreV1,
} from '@slokit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

export interface StateStoreFixture {
  /** A store on fresh, empty state, not migrated yet. The suite migrates and closes it. */
  store: StateStoreV1;
  /** Another store on the same state, as a second process or worker would open it. The suite closes it. */
  reopen: () => Promise<StateStoreV1>;
  /** Deletes the state (after the suite closed every store). */
  teardown: () => Promise<void> | void;
}

/** A time in the 2026 range, in epoch ms: large enough that a driver storing 32-bit numbers would fail. */
const t0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const minute = 60_000;
const hour = 60 * minute;

/** Names with characters that trip quoting: unicode, quotes, backslashes, array-literal and LIKE syntax. */
const oddName = `héllo wörld 🚀 'quoted' "double" \\ back, {brace} 50%_off NULL`;

/** Values that round-trip only when stored as doubles. */
const exactNumbers = [0.1 + 0.2, -42.125, 2 ** 53 - 1, 1e300, 1e-300, 123_456_789.987_654_3 / 7, t0 + 0.25];

/** Long JSON with unicode, escapes and newlines: what `details`, `payload` and `state` carry. */
function longJson(seed: string, entries = 2_000): string {
  const items = Array.from({ length: entries }, (_, index) => ({
    index,
    text: `${seed} ${index} — ünïcødé 漢字 😀 "quote" \\ backslash\nnewline\ttab`,
    value: index / 7,
  }));
  return JSON.stringify({ seed, items }, null, 2);
}

function bucket(overrides: Partial<SliBucket> = {}): SliBucket {
  return {
    slo: 'latency',
    definition: 'def-1',
    segment: '',
    start: t0,
    count: 10,
    good: 0,
    sum: 1234.5,
    sumSquares: 234_567.25,
    min: 12.5,
    max: 310.75,
    sketch: 'AAECAwQFBgc=',
    slices: 1,
    goodSlices: 1,
    ...overrides,
  };
}

function evaluation(overrides: Partial<EvaluationRow> = {}): EvaluationRow {
  return {
    slo: 'latency',
    segment: '',
    at: t0,
    status: 'ok',
    value: 0.987,
    samples: 1200,
    budgetRemaining: 0.75,
    level: 'none',
    details: '{"burnRates":{"1h":0.5}}',
    ...overrides,
  };
}

function alertEvent(overrides: Partial<AlertEventRow> = {}): AlertEventRow {
  return {
    id: 'cycle-1/latency//fired',
    slo: 'latency',
    segment: '',
    at: t0,
    kind: 'fired',
    level: 'warning',
    silenced: false,
    payload: '{"value":0.9}',
    ...overrides,
  };
}

function outboxRow(overrides: Partial<OutboxRow> = {}): OutboxRow {
  return {
    id: 'out-1',
    channel: 'console',
    payload: '{"events":1}',
    createdAt: t0,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: t0,
    lastError: null,
    ...overrides,
  };
}

function silence(overrides: Partial<Silence> = {}): Silence {
  return {
    id: 'sil-1',
    slo: 'latency',
    segment: null,
    startsAt: t0,
    endsAt: t0 + 2 * hour,
    reason: 'deploy',
    createdAt: t0 - minute,
    expiredAt: null,
    ...overrides,
  };
}

/** Sorted copies, for results whose order the contract leaves open. */
function sortedBy<T>(rows: readonly T[], key: (row: T) => string): T[] {
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * The conformance suite every StateStore driver runs: the contract of StateStoreV1 (packages/core/src/state) row by
 * row. `setup` is called before every test and returns a store on fresh, empty state.
 */
export function testStateStore(name: string, setup: () => Promise<StateStoreFixture>): void {
  let fixture: StateStoreFixture;
  let store: StateStoreV1;
  const opened: StateStoreV1[] = [];

  async function openAnother(): Promise<StateStoreV1> {
    const another = await fixture.reopen();
    opened.push(another);
    return another;
  }

  function useFreshState(options: { migrate: boolean }): void {
    beforeEach(async () => {
      fixture = await setup();
      store = fixture.store;
      if (options.migrate) await store.migrate();
    }, 60_000);

    afterEach(async () => {
      for (const another of opened.splice(0)) await another.close();
      await store.close();
      await fixture.teardown();
    }, 60_000);
  }

  describe(`${name}: state store conformance`, () => {
    describe('schema', () => {
      useFreshState({ migrate: false });

      it('declares the v1 contract and a printable location', () => {
        expect(store.specificationVersion).toBe('v1');
        expect(store.kind).toMatch(/^[a-z]+$/);
        expect(store.location.length).toBeGreaterThan(0);
      });

      it('migrates fresh state from several stores at once, each migration once', async () => {
        const others = [await openAnother(), await openAnother()];
        await Promise.all([store.migrate(), ...others.map((other) => other.migrate())]);
        await store.commit({ cursors: [{ source: 's', cursor: 'c', watermark: t0, updatedAt: t0 }] });
        for (const other of others) expect((await other.getCursor('s'))?.cursor).toBe('c');
      });

      it('migrate is idempotent and keeps the data', async () => {
        await store.migrate();
        await store.commit({
          buckets: [bucket()],
          cursors: [{ source: 's', cursor: 'c', watermark: 1, updatedAt: 2 }],
        });
        await store.migrate();
        await store.migrate();
        const reopened = await openAnother();
        await reopened.migrate();
        expect(
          await reopened.getBuckets({ slo: 'latency', definition: 'def-1', from: 0, to: t0 + 1 }),
        ).toEqual([bucket()]);
        expect(await store.getCursor('s')).toEqual({ source: 's', cursor: 'c', watermark: 1, updatedAt: 2 });
      });

      it('close is idempotent, and a closed store refuses work', async () => {
        await store.migrate();
        await store.close();
        await store.close();
        await expect(store.getCursor('s')).rejects.toThrow();
      });
    });

    describe('cursors', () => {
      useFreshState({ migrate: true });

      it('returns undefined for a source never synced', async () => {
        expect(await store.getCursor('never')).toBeUndefined();
      });

      it('round-trips cursors with exact values and nulls', async () => {
        const cursors: SourceCursor[] = [
          { source: oddName, cursor: longJson('cursor', 50), watermark: t0 + 0.5, updatedAt: t0 + 1 },
          { source: 'file', cursor: null, watermark: null, updatedAt: t0 },
        ];
        await store.commit({ cursors });
        expect(await store.getCursor(oddName)).toEqual(cursors[0]);
        expect(await store.getCursor('file')).toEqual(cursors[1]);
        expect(await store.getCursor('FILE')).toBeUndefined();
      });

      it('upserts by source', async () => {
        await store.commit({ cursors: [{ source: 's', cursor: 'page-2', watermark: t0, updatedAt: t0 }] });
        await store.commit({
          cursors: [{ source: 's', cursor: null, watermark: t0 + hour, updatedAt: t0 + hour }],
        });
        expect(await store.getCursor('s')).toEqual({
          source: 's',
          cursor: null,
          watermark: t0 + hour,
          updatedAt: t0 + hour,
        });
      });
    });

    describe('buckets', () => {
      useFreshState({ migrate: true });

      it('round-trips every field exactly: fractions, large numbers, nulls, unicode, long sketches', async () => {
        const sketch = Buffer.from(longJson('sketch', 300)).toString('base64');
        const buckets = exactNumbers.map((value, index) =>
          bucket({
            slo: oddName,
            definition: `def ${oddName}`,
            segment: index % 2 === 0 ? '' : `segment ${oddName}`,
            start: t0 + index * 5 * minute,
            count: index === 2 ? 2 ** 40 : index + 1,
            good: index,
            sum: value,
            sumSquares: value * 3,
            min: index === 0 ? null : -value,
            max: index === 0 ? null : value,
            sketch: index === 1 ? null : sketch,
            slices: index * 288,
            goodSlices: index * 287,
          }),
        );
        await store.commit({ buckets });
        const read = await store.getBuckets({
          slo: oddName,
          definition: `def ${oddName}`,
          from: t0,
          to: t0 + hour,
        });
        expect(read).toEqual(buckets);
      });

      it('upserts by (slo, definition, segment, start): the cycle sends the merged bucket', async () => {
        await store.commit({
          buckets: [bucket(), bucket({ segment: 'gpt-4o' }), bucket({ definition: 'def-2' })],
        });
        const merged = bucket({
          count: 25,
          good: 24,
          sum: 4000.25,
          sumSquares: 9e9,
          min: 1,
          max: 999,
          sketch: null,
          slices: 12,
          goodSlices: 0,
        });
        await store.commit({ buckets: [merged] });
        expect(await store.getBuckets({ slo: 'latency', definition: 'def-1', from: t0, to: t0 + 1 })).toEqual(
          [merged, bucket({ segment: 'gpt-4o' })],
        );
        expect(await store.getBuckets({ slo: 'latency', definition: 'def-2', from: t0, to: t0 + 1 })).toEqual(
          [bucket({ definition: 'def-2' })],
        );
      });

      it('keeps the last row when one commit gives a key twice', async () => {
        await store.commit({ buckets: [bucket({ count: 1 }), bucket({ count: 2 }), bucket({ count: 3 })] });
        const read = await store.getBuckets({ slo: 'latency', definition: 'def-1', from: t0, to: t0 + 1 });
        expect(read.map((row) => row.count)).toEqual([3]);
      });

      it('answers from <= start < to, every segment, ordered by start, one SLO definition only', async () => {
        const step = 5 * minute;
        const rows = [4, 0, 3, 1, 2].flatMap((index) => [
          bucket({ start: t0 + index * step, segment: 'b', count: index }),
          bucket({ start: t0 + index * step, segment: 'a', count: index }),
        ]);
        await store.commit({
          buckets: [
            ...rows,
            bucket({ slo: 'other', start: t0 + step }),
            bucket({ definition: 'old', start: t0 + step }),
          ],
        });
        const read = await store.getBuckets({
          slo: 'latency',
          definition: 'def-1',
          from: t0 + step,
          to: t0 + 4 * step,
        });
        expect(read.map((row) => [row.start - t0, row.segment])).toEqual([
          [step, 'a'],
          [step, 'b'],
          [2 * step, 'a'],
          [2 * step, 'b'],
          [3 * step, 'a'],
          [3 * step, 'b'],
        ]);
        expect(await store.getBuckets({ slo: 'latency', definition: 'def-1', from: t0, to: t0 })).toEqual([]);
      });

      it('writes and reads thousands of buckets in one commit', async () => {
        const rows = Array.from({ length: 12_000 }, (_, index) =>
          bucket({ start: t0 + Math.floor(index / 3) * minute, segment: `s${index % 3}`, count: index }),
        );
        await store.commit({ buckets: rows });
        const read = await store.getBuckets({
          slo: 'latency',
          definition: 'def-1',
          from: 0,
          to: t0 + 10_000 * hour,
        });
        expect(read.length).toBe(12_000);
        expect(read[11_999]).toEqual(rows[11_999]);
      });
    });

    describe('seen record ids', () => {
      useFreshState({ migrate: true });

      it('reports nothing before anything was counted', async () => {
        expect(await store.filterSeen('s', [])).toEqual(new Set());
        expect(await store.filterSeen('s', ['a', 'b'])).toEqual(new Set());
      });

      it('answers which ids were counted, per source', async () => {
        const odd = ['', 'NULL', oddName, 'a,b', '{x}', 'x"y', 'back\\slash'];
        await store.commit({ seen: ['r1', 'r2', ...odd].map((id) => ({ source: 'prod', id, time: t0 })) });
        expect(await store.filterSeen('prod', ['r2', 'r3', 'r1', ...odd, 'null'])).toEqual(
          new Set(['r1', 'r2', ...odd]),
        );
        expect(await store.filterSeen('staging', ['r1', 'r2'])).toEqual(new Set());
      });

      it('ignores ids counted already, keeping their first time', async () => {
        await store.commit({
          seen: [
            { source: 's', id: 'x', time: t0 },
            { source: 's', id: 'x', time: t0 + 3 * hour },
          ],
        });
        await store.commit({ seen: [{ source: 's', id: 'x', time: t0 + 5 * hour }] });
        expect(await store.filterSeen('s', ['x'])).toEqual(new Set(['x']));
        await store.prune({
          seen: t0 + hour,
          buckets: 0,
          fineBuckets: 0,
          evaluations: 0,
          alertEvents: 0,
          outbox: 0,
        });
        expect(await store.filterSeen('s', ['x'])).toEqual(new Set());
      });

      it('filters tens of thousands of ids in one call', async () => {
        const counted = Array.from({ length: 25_000 }, (_, index) => `record-${index}`);
        await store.commit({ seen: counted.map((id, index) => ({ source: 's', id, time: t0 + index })) });
        const fresh = Array.from({ length: 6_000 }, (_, index) => `fresh-${index}`);
        const query = [...fresh, ...counted].sort(() => 0.5 - Math.random());
        const seen = await store.filterSeen('s', query);
        expect(seen.size).toBe(25_000);
        expect(seen).toEqual(new Set(counted));
      });
    });

    describe('evaluations', () => {
      useFreshState({ migrate: true });

      it('round-trips evaluations exactly, with nulls and long JSON details', async () => {
        const rows = [
          evaluation({ slo: oddName, segment: oddName, details: longJson('details') }),
          evaluation({ at: t0 + 0.5, value: null, budgetRemaining: null, status: 'no_data', samples: 0 }),
          evaluation({ at: t0 + minute, value: exactNumbers[0]!, budgetRemaining: -1.29, level: 'page' }),
        ];
        await store.commit({ evaluations: rows });
        expect(await store.getEvaluations({ from: t0, to: t0 + hour })).toEqual([rows[0], rows[1], rows[2]]);
      });

      it('upserts by (slo, segment, at)', async () => {
        await store.commit({ evaluations: [evaluation(), evaluation({ segment: 'gpt-4o' })] });
        const again = evaluation({ status: 'critical', value: 0.5, level: 'critical', details: '{}' });
        await store.commit({ evaluations: [again] });
        expect(await store.getEvaluations({ slo: 'latency', from: t0, to: t0 + 1 })).toEqual([
          again,
          evaluation({ segment: 'gpt-4o' }),
        ]);
      });

      it('answers from <= at < to, of one SLO or all, ordered by at', async () => {
        const rows = [3, 0, 2, 1, 4].flatMap((index) => [
          evaluation({ slo: 'latency', at: t0 + index * minute, samples: index }),
          evaluation({ slo: 'accuracy', at: t0 + index * minute + 1, samples: index }),
        ]);
        await store.commit({ evaluations: rows });
        const one = await store.getEvaluations({ slo: 'latency', from: t0 + minute, to: t0 + 4 * minute });
        expect(one.map((row) => [row.slo, row.at - t0])).toEqual([
          ['latency', minute],
          ['latency', 2 * minute],
          ['latency', 3 * minute],
        ]);
        const all = await store.getEvaluations({ from: t0 + minute, to: t0 + 3 * minute + 1 });
        expect(all.map((row) => [row.slo, row.at - t0])).toEqual([
          ['latency', minute],
          ['accuracy', minute + 1],
          ['latency', 2 * minute],
          ['accuracy', 2 * minute + 1],
          ['latency', 3 * minute],
        ]);
      });
    });

    describe('alert states', () => {
      useFreshState({ migrate: true });

      it('is empty at first, then upserts by (slo, segment)', async () => {
        expect(await store.getAlertStates()).toEqual([]);
        const states: AlertStateRow[] = [
          { slo: 'latency', segment: '', state: '{"level":"warning"}', updatedAt: t0 },
          { slo: 'latency', segment: oddName, state: longJson('state'), updatedAt: t0 + 0.5 },
          { slo: 'accuracy', segment: '', state: '{}', updatedAt: t0 },
        ];
        await store.commit({ alertStates: states });
        const changed = { slo: 'latency', segment: '', state: '{"level":"page"}', updatedAt: t0 + hour };
        await store.commit({ alertStates: [changed] });
        const key = (row: AlertStateRow) => `${row.slo}\u0000${row.segment}`;
        expect(sortedBy(await store.getAlertStates(), key)).toEqual(
          sortedBy([changed, states[1]!, states[2]!], key),
        );
      });
    });

    describe('alert events', () => {
      useFreshState({ migrate: true });

      it('round-trips events exactly, silenced or not', async () => {
        const rows = [
          alertEvent({ id: 'e1', silenced: true, payload: longJson('event') }),
          alertEvent({ id: `e2 ${oddName}`, slo: oddName, segment: oddName, at: t0 + 0.5, kind: 'resolved' }),
        ];
        await store.commit({ alertEvents: rows });
        expect(await store.getAlertEvents({ from: t0, to: t0 + 1 })).toEqual(rows);
      });

      it('leaves an existing id as it is, so a retried commit does not record an event twice', async () => {
        await store.commit({ alertEvents: [alertEvent({ payload: '{"first":true}' })] });
        await store.commit({
          alertEvents: [
            alertEvent({ payload: '{"second":true}', level: 'page' }),
            alertEvent({ id: 'new', payload: '{"new":1}' }),
            alertEvent({ id: 'new', payload: '{"new":2}' }),
          ],
        });
        const events = await store.getAlertEvents({ from: t0, to: t0 + 1 });
        expect(events.map((event) => [event.id, event.payload, event.level])).toEqual([
          ['cycle-1/latency//fired', '{"first":true}', 'warning'],
          ['new', '{"new":1}', 'warning'],
        ]);
      });

      it('answers from <= at < to, of one SLO or all, ordered by at', async () => {
        await store.commit({
          alertEvents: [
            alertEvent({ id: 'c', at: t0 + 2 * minute }),
            alertEvent({ id: 'a', at: t0 }),
            alertEvent({ id: 'x', slo: 'accuracy', at: t0 + minute }),
            alertEvent({ id: 'b', at: t0 + minute }),
            alertEvent({ id: 'd', at: t0 + 3 * minute }),
          ],
        });
        const all = await store.getAlertEvents({ from: t0, to: t0 + 3 * minute });
        expect(all.map((event) => event.at - t0)).toEqual([0, minute, minute, 2 * minute]);
        expect(all.map((event) => event.id).sort()).toEqual(['a', 'b', 'c', 'x']);
        const one = await store.getAlertEvents({ slo: 'latency', from: t0 + 1, to: t0 + 4 * minute });
        expect(one.map((event) => event.id)).toEqual(['b', 'c', 'd']);
      });
    });

    describe('outbox', () => {
      useFreshState({ migrate: true });

      it('returns pending rows due at now (nextAttemptAt <= now), oldest first, at most limit', async () => {
        const rows = [
          outboxRow({ id: 'late', createdAt: t0 + 2, nextAttemptAt: t0 + minute }),
          outboxRow({ id: 'third', createdAt: t0 + 3, nextAttemptAt: t0 }),
          outboxRow({
            id: 'first',
            createdAt: t0 + 1,
            nextAttemptAt: t0 - minute,
            payload: longJson('outbox'),
          }),
          outboxRow({ id: 'sent', createdAt: t0, status: 'sent' }),
          outboxRow({ id: 'dead', createdAt: t0, status: 'dead', lastError: '410 Gone' }),
          outboxRow({
            id: 'fourth',
            createdAt: t0 + 4,
            nextAttemptAt: t0 - 1,
            attempts: 2,
            lastError: oddName,
          }),
        ];
        await store.commit({ outbox: rows });
        expect(await store.getDueOutbox(t0, 10)).toEqual([rows[2], rows[1], rows[5]]);
        expect((await store.getDueOutbox(t0, 2)).map((row) => row.id)).toEqual(['first', 'third']);
        expect((await store.getDueOutbox(t0 + minute, 10)).map((row) => row.id)).toEqual([
          'first',
          'late',
          'third',
          'fourth',
        ]);
        expect(await store.getDueOutbox(t0 - 2 * minute, 10)).toEqual([]);
      });

      it('updates attempts, status and retry time', async () => {
        await store.commit({ outbox: [outboxRow()] });
        await store.updateOutbox({
          id: 'out-1',
          status: 'pending',
          attempts: 1,
          nextAttemptAt: t0 + 30_000,
          lastError: 'HTTP 503 from https://hooks.example.com',
        });
        expect(await store.getDueOutbox(t0 + 29_999, 10)).toEqual([]);
        expect(await store.getDueOutbox(t0 + 30_000, 10)).toEqual([
          outboxRow({
            attempts: 1,
            nextAttemptAt: t0 + 30_000,
            lastError: 'HTTP 503 from https://hooks.example.com',
          }),
        ]);
        await store.updateOutbox({
          id: 'out-1',
          status: 'sent',
          attempts: 2,
          nextAttemptAt: t0 + 30_000,
          lastError: null,
        });
        expect(await store.getDueOutbox(t0 + hour, 10)).toEqual([]);
      });

      it('leaves an existing id as it is: a retried commit does not resend a sent delivery', async () => {
        await store.commit({ outbox: [outboxRow()] });
        await store.updateOutbox({
          id: 'out-1',
          status: 'sent',
          attempts: 1,
          nextAttemptAt: t0,
          lastError: null,
        });
        await store.commit({ outbox: [outboxRow({ payload: '{"again":true}' })] });
        expect(await store.getDueOutbox(t0 + hour, 10)).toEqual([]);
      });
    });

    describe('publish log', () => {
      useFreshState({ migrate: true });

      it('round-trips publishes with from <= at < to', async () => {
        const rows: PublishLogRow[] = [
          { checkId: 'check-2', source: 'prod', target: 'langsmith', published: 12, at: t0 + minute },
          { checkId: `check-1 ${oddName}`, source: oddName, target: 'mlflow', published: 0, at: t0 + 0.5 },
          { checkId: 'check-3', source: 'prod', target: 'weave', published: 3, at: t0 + 2 * minute },
        ];
        await store.commit({ publishes: rows });
        // The contract leaves their order open.
        expect(
          sortedBy(await store.getPublishLog({ from: t0, to: t0 + 2 * minute }), (row) => row.checkId),
        ).toEqual(sortedBy([rows[1]!, rows[0]!], (row) => row.checkId));
      });
    });

    describe('silences', () => {
      useFreshState({ migrate: true });

      it('adds and lists silences exactly', async () => {
        const rows = [
          silence({ id: 'b', startsAt: t0 + hour, reason: oddName }),
          silence({ id: 'a', segment: oddName, endsAt: t0 + 0.5 }),
        ];
        for (const row of rows) await store.addSilence(row);
        expect(sortedBy(await store.listSilences(), (row) => row.id)).toEqual([rows[1], rows[0]]);
      });

      it('lists those active at a time: startsAt <= at < endsAt', async () => {
        await store.addSilence(silence({ id: 'now', startsAt: t0, endsAt: t0 + hour }));
        await store.addSilence(silence({ id: 'later', startsAt: t0 + hour, endsAt: t0 + 2 * hour }));
        const active = async (at: number) =>
          (await store.listSilences({ activeAt: at })).map((row) => row.id).sort();
        expect(await active(t0 - 1)).toEqual([]);
        expect(await active(t0)).toEqual(['now']);
        expect(await active(t0 + hour - 1)).toEqual(['now']);
        expect(await active(t0 + hour)).toEqual(['later']);
        expect(await active(t0 + 2 * hour)).toEqual([]);
        expect((await store.listSilences()).length).toBe(2);
      });

      it('expires a silence early, once', async () => {
        await store.addSilence(silence());
        expect(await store.expireSilence('sil-1', t0 + 30 * minute)).toBe(true);
        expect(await store.listSilences()).toEqual([silence({ expiredAt: t0 + 30 * minute })]);
        expect(await store.listSilences({ activeAt: t0 + 30 * minute })).toEqual([]);
        expect(await store.listSilences({ activeAt: t0 + hour })).toEqual([]);
        // History stays true: it was active before it was expired.
        expect((await store.listSilences({ activeAt: t0 + 29 * minute })).map((row) => row.id)).toEqual([
          'sil-1',
        ]);
        expect(await store.expireSilence('sil-1', t0 + 40 * minute)).toBe(false);
      });

      it('does not expire unknown or ended silences', async () => {
        await store.addSilence(silence());
        expect(await store.expireSilence('unknown', t0)).toBe(false);
        expect(await store.expireSilence('sil-1', t0 + 2 * hour)).toBe(false);
        expect(await store.listSilences()).toEqual([silence()]);
      });

      it('refuses a second silence with the same id', async () => {
        await store.addSilence(silence());
        await expect(store.addSilence(silence({ reason: 'again' }))).rejects.toThrow(/sil-1/);
        expect(await store.listSilences()).toEqual([silence()]);
      });
    });

    describe('leases', () => {
      useFreshState({ migrate: true });

      it('takes a free lease until now + ttl', async () => {
        expect(await store.tryAcquireLease('sync', 'worker-a', 30_000, t0)).toBe(true);
        expect(await store.listLeases('sync', t0)).toEqual([
          { name: 'sync', owner: 'worker-a', expiresAt: t0 + 30_000 },
        ]);
      });

      it('refuses another owner until the lease expires, then hands it over', async () => {
        expect(await store.tryAcquireLease('sync', 'worker-a', 30_000, t0)).toBe(true);
        expect(await store.tryAcquireLease('sync', 'worker-b', 30_000, t0 + 1)).toBe(false);
        expect(await store.tryAcquireLease('sync', 'worker-b', 30_000, t0 + 29_999)).toBe(false);
        expect((await store.listLeases('', t0 + 29_999))[0]?.owner).toBe('worker-a');
        expect(await store.tryAcquireLease('sync', 'worker-b', 30_000, t0 + 30_000)).toBe(true);
        expect(await store.listLeases('', t0 + 30_000)).toEqual([
          { name: 'sync', owner: 'worker-b', expiresAt: t0 + 60_000 },
        ]);
        expect(await store.tryAcquireLease('sync', 'worker-a', 30_000, t0 + 30_001)).toBe(false);
      });

      it('renews for its owner', async () => {
        expect(await store.tryAcquireLease('sync', 'worker-a', 30_000, t0)).toBe(true);
        expect(await store.tryAcquireLease('sync', 'worker-a', 30_000, t0 + 20_000)).toBe(true);
        expect(await store.tryAcquireLease('sync', 'worker-b', 30_000, t0 + 40_000)).toBe(false);
        expect(await store.listLeases('sync', t0 + 40_000)).toEqual([
          { name: 'sync', owner: 'worker-a', expiresAt: t0 + 50_000 },
        ]);
        // An owner whose lease expired (nobody took it) gets it back.
        expect(await store.tryAcquireLease('sync', 'worker-a', 10_000, t0 + 60_000)).toBe(true);
      });

      it('releases only for its owner', async () => {
        expect(await store.tryAcquireLease('sync', 'worker-a', 30_000, t0)).toBe(true);
        await store.releaseLease('sync', 'worker-b');
        expect(await store.tryAcquireLease('sync', 'worker-b', 30_000, t0 + 1)).toBe(false);
        await store.releaseLease('sync', 'worker-a');
        expect(await store.listLeases('', t0 + 1)).toEqual([]);
        expect(await store.tryAcquireLease('sync', 'worker-b', 30_000, t0 + 1)).toBe(true);
        await store.releaseLease('never-taken', 'worker-a');
      });

      it('lists unexpired leases by exact, case-sensitive prefix', async () => {
        expect(await store.listLeases('', t0)).toEqual([]);
        await store.tryAcquireLease('source:prod', 'w1', 60_000, t0);
        await store.tryAcquireLease('source:staging', 'w2', 10_000, t0);
        await store.tryAcquireLease('source:50%_off', 'w3', 60_000, t0);
        await store.tryAcquireLease('Source:upper', 'w1', 60_000, t0);
        await store.tryAcquireLease('slo:latency', 'w1', 60_000, t0);
        const names = async (prefix: string, now: number) =>
          (await store.listLeases(prefix, now)).map((lease) => lease.name).sort();
        expect(await names('source:', t0)).toEqual(['source:50%_off', 'source:prod', 'source:staging']);
        expect(await names('source:', t0 + 10_000)).toEqual(['source:50%_off', 'source:prod']);
        expect(await names('source:50%', t0)).toEqual(['source:50%_off']);
        expect(await names('source:5_', t0)).toEqual([]);
        expect(await names('source:%', t0)).toEqual([]);
        expect(await names('', t0 + 10_000)).toEqual([
          'Source:upper',
          'slo:latency',
          'source:50%_off',
          'source:prod',
        ]);
        expect(await store.listLeases('source:prod', t0)).toEqual([
          { name: 'source:prod', owner: 'w1', expiresAt: t0 + 60_000 },
        ]);
      });

      it('keeps leases of different names independent', async () => {
        expect(await store.tryAcquireLease('source:a', 'w1', 60_000, t0)).toBe(true);
        expect(await store.tryAcquireLease('source:b', 'w2', 60_000, t0)).toBe(true);
        expect(await store.tryAcquireLease('source:b', 'w1', 60_000, t0)).toBe(false);
      });

      it('is exclusive across stores on the same state: exactly one of several racing owners wins', async () => {
        const stores = [store, await openAnother(), await openAnother(), await openAnother()];
        for (let round = 0; round < 5; round++) {
          const now = t0 + round * hour;
          const won = await Promise.all(
            stores.map((each, index) => each.tryAcquireLease('sync', `worker-${index}`, 30_000, now)),
          );
          expect(won.filter(Boolean)).toHaveLength(1);
          const winner = won.indexOf(true);
          expect((await stores[(winner + 1) % stores.length]!.listLeases('sync', now))[0]?.owner).toBe(
            `worker-${winner}`,
          );
        }
      });
    });

    describe('commit', () => {
      useFreshState({ migrate: true });

      const everything = () => ({
        cursors: [{ source: 'prod', cursor: 'cursor-9', watermark: t0, updatedAt: t0 }],
        buckets: Array.from({ length: 1_000 }, (_, index) => bucket({ start: t0 + index * minute })),
        seen: Array.from({ length: 2_000 }, (_, index) => ({ source: 'prod', id: `r${index}`, time: t0 })),
        evaluations: [evaluation()],
        alertStates: [{ slo: 'latency', segment: '', state: '{}', updatedAt: t0 }],
        alertEvents: [alertEvent()],
        outbox: [outboxRow()],
        publishes: [{ checkId: 'check-1', source: 'prod', target: 'langsmith', published: 1, at: t0 }],
      });

      async function expectWritten(expected: boolean, reader: StateStoreV1 = store): Promise<void> {
        const range = { from: 0, to: t0 + 10_000 * hour };
        const counts = [
          (await reader.getCursor('prod')) ? 1 : 0,
          (await reader.getBuckets({ slo: 'latency', definition: 'def-1', ...range })).length,
          (await reader.filterSeen('prod', ['r0', 'r1999'])).size,
          (await reader.getEvaluations(range)).length,
          (await reader.getAlertStates()).length,
          (await reader.getAlertEvents(range)).length,
          (await reader.getDueOutbox(t0 + hour, 100)).length,
          (await reader.getPublishLog(range)).length,
        ];
        expect(counts).toEqual(expected ? [1, 1_000, 2, 1, 1, 1, 1, 1] : [0, 0, 0, 0, 0, 0, 0, 0]);
      }

      it('writes nothing for an empty commit', async () => {
        await store.commit({});
        await store.commit({ buckets: [], seen: [], outbox: [] });
        await expectWritten(false);
      });

      it('writes every kind of row in one commit, visible to another store', async () => {
        await store.commit(everything());
        await expectWritten(true);
        await expectWritten(true, await openAnother());
      });

      it('writes nothing when a row fails late in the commit (all or nothing)', async () => {
        const writes = everything();
        // A NOT NULL column given null, in the last kind of rows written.
        writes.publishes.push({
          checkId: 'bad',
          source: 'prod',
          target: 'x',
          published: 1,
          at: null as unknown as number,
        });
        await expect(store.commit(writes)).rejects.toThrow();
        await expectWritten(false);
        await expectWritten(false, await openAnother());
        await store.commit(everything());
        await expectWritten(true);
      });

      it('refuses NaN (which SQLite cannot keep) and writes nothing; keeps infinities', async () => {
        const writes = everything();
        writes.buckets[999] = bucket({ start: t0 + 999 * minute, max: Number.NaN });
        await expect(store.commit(writes)).rejects.toThrow(/buckets\[999\]\.max: NaN/);
        await expectWritten(false);
        const infinite = bucket({ sum: Number.POSITIVE_INFINITY, sumSquares: Number.NEGATIVE_INFINITY });
        await store.commit({ buckets: [infinite] });
        expect(await store.getBuckets({ slo: 'latency', definition: 'def-1', from: t0, to: t0 + 1 })).toEqual(
          [infinite],
        );
      });

      it('writes nothing when a row fails in the middle of a bulk write', async () => {
        const writes = everything();
        writes.buckets[500] = bucket({ start: t0 + 500 * minute, count: null as unknown as number });
        await expect(store.commit(writes)).rejects.toThrow();
        await expectWritten(false);
      });

      it('commits while the lease is held by its owner', async () => {
        expect(await store.tryAcquireLease('sync', 'worker-a', 30_000, t0)).toBe(true);
        await store.commit({ ...everything(), lease: { name: 'sync', owner: 'worker-a', now: t0 + 29_999 } });
        await expectWritten(true);
      });

      it('throws LeaseLostError and writes nothing when another worker took the lease over', async () => {
        expect(await store.tryAcquireLease('sync', 'worker-a', 30_000, t0)).toBe(true);
        const other = await openAnother();
        expect(await other.tryAcquireLease('sync', 'worker-b', 30_000, t0 + 30_000)).toBe(true);
        const failure = await store
          .commit({ ...everything(), lease: { name: 'sync', owner: 'worker-a', now: t0 + 30_001 } })
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        expect(failure).toBeInstanceOf(LeaseLostError);
        expect(SlokitError.isInstance(failure)).toBe(true);
        expect((failure as LeaseLostError).lease).toBe('sync');
        await expectWritten(false);
        await other.commit({ ...everything(), lease: { name: 'sync', owner: 'worker-b', now: t0 + 30_002 } });
        await expectWritten(true);
      });

      it('throws LeaseLostError when the lease expired, was released or was never taken', async () => {
        const commitAs = (owner: string, now: number) =>
          store.commit({ ...everything(), lease: { name: 'sync', owner, now } });
        await expect(commitAs('worker-a', t0)).rejects.toBeInstanceOf(LeaseLostError);
        expect(await store.tryAcquireLease('sync', 'worker-a', 30_000, t0)).toBe(true);
        await expect(commitAs('worker-a', t0 + 30_000)).rejects.toBeInstanceOf(LeaseLostError);
        await expect(commitAs('worker-b', t0 + 1)).rejects.toBeInstanceOf(LeaseLostError);
        await store.releaseLease('sync', 'worker-a');
        await expect(commitAs('worker-a', t0 + 1)).rejects.toBeInstanceOf(LeaseLostError);
        await expectWritten(false);
      });
    });

    describe('prune', () => {
      useFreshState({ migrate: true });

      it('drops each kind of row before its own cutoff (5-minute buckets at fineBuckets), keeping pending deliveries', async () => {
        const cut = {
          seen: t0 + 1 * hour,
          buckets: t0 + 2 * hour,
          fineBuckets: t0 + 6 * hour,
          evaluations: t0 + 3 * hour,
          alertEvents: t0 + 4 * hour,
        };
        const outboxCut = t0 + 5 * hour;
        const times = (cutoff: number) => [cutoff - 1, cutoff];
        await store.commit({
          cursors: [{ source: 'prod', cursor: null, watermark: 0, updatedAt: 0 }],
          seen: times(cut.seen).map((time) => ({ source: 's', id: `id-${time}`, time })),
          buckets: [
            // 5-minute buckets go at `fineBuckets`, rollups (`:1h`, `:1d`) at `buckets`.
            ...[cut.buckets - 1, ...times(cut.fineBuckets)].map((start) => bucket({ start })),
            ...[cut.buckets - 1, cut.buckets, cut.fineBuckets - 1].map((start) =>
              bucket({ definition: 'def-1:1h', start }),
            ),
            bucket({ definition: 'def-1:1d', start: cut.fineBuckets - 1 }),
          ],
          evaluations: times(cut.evaluations).map((at) => evaluation({ at })),
          alertEvents: times(cut.alertEvents).map((at) => alertEvent({ id: `e-${at}`, at })),
          alertStates: [{ slo: 'latency', segment: '', state: '{}', updatedAt: 0 }],
          outbox: [
            outboxRow({ id: 'old-sent', createdAt: outboxCut - 1, status: 'sent' }),
            outboxRow({ id: 'old-failed', createdAt: outboxCut - 1, status: 'failed' }),
            outboxRow({ id: 'old-pending', createdAt: outboxCut - 1, status: 'pending', nextAttemptAt: 0 }),
            outboxRow({ id: 'kept-sent', createdAt: outboxCut, status: 'sent' }),
          ],
          publishes: [{ checkId: 'c', source: 'prod', target: 'x', published: 1, at: 0 }],
        });
        await store.addSilence(silence({ startsAt: 0, endsAt: 1 }));
        await store.tryAcquireLease('sync', 'w', 10 * hour, t0);

        await store.prune({ ...cut, outbox: outboxCut });

        expect(await store.filterSeen('s', [`id-${cut.seen - 1}`, `id-${cut.seen}`])).toEqual(
          new Set([`id-${cut.seen}`]),
        );
        const all = { from: 0, to: t0 + 100 * hour };
        const starts = async (definition: string) =>
          (await store.getBuckets({ slo: 'latency', definition, ...all })).map((row) => row.start);
        expect(await starts('def-1')).toEqual([cut.fineBuckets]);
        expect(await starts('def-1:1h')).toEqual([cut.buckets, cut.fineBuckets - 1]);
        expect(await starts('def-1:1d')).toEqual([cut.fineBuckets - 1]);
        expect((await store.getEvaluations(all)).map((row) => row.at)).toEqual([cut.evaluations]);
        expect((await store.getAlertEvents(all)).map((row) => row.at)).toEqual([cut.alertEvents]);
        expect((await store.getDueOutbox(t0 + 100 * hour, 10)).map((row) => row.id)).toEqual(['old-pending']);
        // Delivered rows are not due, so make them due again: only the one at the cutoff is still there.
        for (const id of ['old-sent', 'old-failed', 'kept-sent']) {
          await store.updateOutbox({ id, status: 'pending', attempts: 0, nextAttemptAt: 0, lastError: null });
        }
        expect((await store.getDueOutbox(t0 + 100 * hour, 10)).map((row) => row.id).sort()).toEqual([
          'kept-sent',
          'old-pending',
        ]);
        expect(await store.getCursor('prod')).toBeDefined();
        expect(await store.getAlertStates()).toHaveLength(1);
        expect(await store.getPublishLog(all)).toHaveLength(1);
        expect(await store.listSilences()).toHaveLength(1);
        expect(await store.listLeases('sync', t0)).toHaveLength(1);
      });
    });

    describe('durability', () => {
      useFreshState({ migrate: true });

      it('keeps committed state after close, for the next store that opens it', async () => {
        await store.commit({
          cursors: [{ source: 'prod', cursor: 'c-1', watermark: t0, updatedAt: t0 }],
          buckets: [bucket()],
        });
        await store.addSilence(silence());
        await store.close();
        const reopened = await openAnother();
        await reopened.migrate();
        expect(await reopened.getCursor('prod')).toEqual({
          source: 'prod',
          cursor: 'c-1',
          watermark: t0,
          updatedAt: t0,
        });
        expect(
          await reopened.getBuckets({ slo: 'latency', definition: 'def-1', from: t0, to: t0 + 1 }),
        ).toEqual([bucket()]);
        expect(await reopened.listSilences()).toEqual([silence()]);
      });
    });
  });
}
