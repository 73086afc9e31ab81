import { type AssertOpen, copyRow, type MemoryState, type PruneBefore, rowKey } from './memory-state.js';
import type { CycleWrites, StateStoreV1 } from './state-store.js';

type EvaluationHistory = Pick<MemoryState, 'evaluations' | 'alertStates' | 'alertEvents'>;

/** What evaluation leaves behind: each evaluation, the alert policy's state and the alert events. */
export function memoryEvaluationMethods(
  { evaluations, alertStates, alertEvents }: EvaluationHistory,
  assertOpen: AssertOpen,
): Pick<StateStoreV1, 'getEvaluations' | 'getAlertStates' | 'getAlertEvents'> {
  return {
    async getEvaluations(query) {
      assertOpen();
      return inPeriod([...evaluations.values()], query);
    },
    async getAlertStates() {
      assertOpen();
      return [...alertStates.values()].map(copyRow);
    },
    async getAlertEvents(query) {
      assertOpen();
      return inPeriod([...alertEvents.values()], query);
    },
  };
}

/** Upserts evaluations and alert states; an alert event whose id exists already is left as it is. */
export function writeEvaluations(
  { evaluations, alertStates, alertEvents }: EvaluationHistory,
  writes: CycleWrites,
): void {
  for (const row of writes.evaluations ?? [])
    evaluations.set(rowKey(row.slo, row.segment, row.at), copyRow(row));
  for (const row of writes.alertStates ?? []) alertStates.set(rowKey(row.slo, row.segment), copyRow(row));
  for (const row of writes.alertEvents ?? [])
    if (!alertEvents.has(row.id)) alertEvents.set(row.id, copyRow(row));
}

/** Drops old evaluations and alert events; alert states are the policy's current memory and stay. */
export function pruneEvaluations({ evaluations, alertEvents }: EvaluationHistory, before: PruneBefore): void {
  for (const [id, row] of evaluations) if (row.at < before.evaluations) evaluations.delete(id);
  for (const [id, row] of alertEvents) if (row.at < before.alertEvents) alertEvents.delete(id);
}

/** Copies of the rows with `from <= at < to`, of one SLO or all, ordered by at. */
function inPeriod<Row extends { slo: string; at: number }>(
  rows: Row[],
  query: { slo?: string; from: number; to: number },
): Row[] {
  return rows
    .filter(
      (row) =>
        (query.slo === undefined || row.slo === query.slo) && row.at >= query.from && row.at < query.to,
    )
    .sort((a, b) => a.at - b.at)
    .map(copyRow);
}
