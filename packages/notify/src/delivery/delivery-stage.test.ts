import { describe, expect, it } from 'vitest';
import { sampleAlertBatch } from '../sample-alert-batch.js';
import { outboxRow } from '../test-support/recording-store.js';
import { deadEndpointStage } from './dead-endpoint-stage.js';
import { type RowDelivery, runStages } from './delivery-stage.js';
import { orderingStage } from './ordering-stage.js';
import type { RowOutcome } from './row-outcome.js';

const delivery = (id: string): RowDelivery => {
  const batch = sampleAlertBatch({ id });
  return { row: outboxRow(batch, 0), payload: { kind: 'alerts', batch } };
};

/** A send that answers each row with the next scripted outcome, and records which rows reached it. */
function scriptedSend(outcomes: RowOutcome[]) {
  const reached: string[] = [];
  return {
    reached,
    send: async (row: RowDelivery) => {
      reached.push(row.row.id);
      return outcomes.shift() ?? { status: 'sent', attempts: 1, events: 3 };
    },
  };
}

describe('delivery stages', () => {
  it('run in order, each able to settle a row or hand it on', async () => {
    const calls: string[] = [];
    const outcome = await runStages(
      delivery('a'),
      [
        async (_, next) => {
          calls.push('first');
          return next();
        },
        async (_, next) => {
          calls.push('second');
          return next();
        },
      ],
      async () => {
        calls.push('send');
        return { status: 'sent', attempts: 1, events: 3 };
      },
    );
    expect(calls).toEqual(['first', 'second', 'send']);
    expect(outcome.status).toBe('sent');
  });

  it('dead endpoint: after one dead outcome, later rows are dead without reaching the send', async () => {
    const stages = [deadEndpointStage()];
    const { reached, send } = scriptedSend([{ status: 'dead', attempts: 1, error: 'gone' }]);
    const outcomes = [];
    for (const id of ['a', 'b', 'c']) outcomes.push(await runStages(delivery(id), stages, send));
    expect(reached).toEqual(['a']);
    expect(outcomes).toEqual([
      { status: 'dead', attempts: 1, error: 'gone' },
      { status: 'dead', attempts: 0, error: 'gone' },
      { status: 'dead', attempts: 0, error: 'gone' },
    ]);
  });

  it('ordering: a retryable failure holds later rows until its next attempt; a final one does not', async () => {
    const held = scriptedSend([
      { status: 'pending', attempts: 3, nextAttemptAt: 5000, error: 'HTTP 503', retryable: true },
    ]);
    const stages = [orderingStage()];
    const outcomes = [];
    for (const id of ['a', 'b']) outcomes.push(await runStages(delivery(id), stages, held.send));
    expect(held.reached).toEqual(['a']);
    expect(outcomes[1]).toEqual({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: 5000,
      error: 'not sent yet: an earlier message to this channel is waiting to be retried (HTTP 503)',
      retryable: true,
    });

    const rejected = scriptedSend([
      { status: 'pending', attempts: 1, nextAttemptAt: 5000, error: 'HTTP 400', retryable: false },
    ]);
    const fresh = [orderingStage()];
    for (const id of ['a', 'b']) await runStages(delivery(id), fresh, rejected.send);
    expect(rejected.reached).toEqual(['a', 'b']);
  });
});
