import type { OutboxRow } from '@slokit/core';
import type { OutboxPayload } from './outbox-payload.js';
import type { RowOutcome } from './row-outcome.js';

/** One row on its way to a channel. */
export interface RowDelivery {
  row: OutboxRow;
  payload: OutboxPayload;
}

/**
 * One concern of a channel's delivery, as Alertmanager builds its notify pipeline: a stage settles the row itself
 * (a dead endpoint, a row that must wait its turn) or hands it to the next stage, and may learn from the outcome
 * it gets back.
 */
export type DeliveryStage = (delivery: RowDelivery, next: () => Promise<RowOutcome>) => Promise<RowOutcome>;

/** Runs a row through the stages in order, the last stage handing it to `send`. */
export function runStages(
  delivery: RowDelivery,
  stages: readonly DeliveryStage[],
  send: (delivery: RowDelivery) => Promise<RowOutcome>,
): Promise<RowOutcome> {
  const step = (index: number): Promise<RowOutcome> => {
    const stage = stages[index];
    return stage ? stage(delivery, () => step(index + 1)) : send(delivery);
  };
  return step(0);
}
