import type { AlertStateRow, PublishLogRow, StateStoreV1 } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import type { ConformanceContext } from './conformance-context.js';
import {
  alertEvent,
  evaluation,
  exactNumbers,
  hour,
  longJson,
  minute,
  oddName,
  sortedBy,
  t0,
} from './sample-rows.js';

/** What reports and alerting read back: evaluations, alert states and events, the publish log. */
export function describeHistory({ useFreshState }: ConformanceContext): void {
  describe('evaluations', () => {
    let store: StateStoreV1;
    useFreshState({ migrate: true }, (fresh) => {
      store = fresh;
    });

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
    let store: StateStoreV1;
    useFreshState({ migrate: true }, (fresh) => {
      store = fresh;
    });

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
    let store: StateStoreV1;
    useFreshState({ migrate: true }, (fresh) => {
      store = fresh;
    });

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

  describe('publish log', () => {
    let store: StateStoreV1;
    useFreshState({ migrate: true }, (fresh) => {
      store = fresh;
    });

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
}
