import type { OutboxRow } from '@slokit/core';
import type { DeliveryContext } from './delivery-context.js';
import type { RowOutcome } from './row-outcome.js';

/**
 * The outermost stage: writes what became of a row to the outbox and to the report. A row is never deleted: it
 * ends `sent`, `dead` or `skipped`, or stays `pending` with its attempts, next attempt and the reason.
 */
export function bookkeepingStage(
  context: DeliveryContext,
): (row: OutboxRow, next: () => Promise<RowOutcome>) => Promise<RowOutcome> {
  return async (row, next) => {
    const outcome = await next();
    await record(context, row, outcome);
    return outcome;
  };
}

async function record(context: DeliveryContext, row: OutboxRow, outcome: RowOutcome): Promise<void> {
  const { store, report, channel } = context;
  const id = row.id;
  switch (outcome.status) {
    case 'sent':
      await store.updateOutbox({
        id,
        status: 'sent',
        attempts: outcome.attempts,
        nextAttemptAt: context.now(),
        lastError: null,
      });
      report.sent.push({ id, channel, events: outcome.events });
      return;
    case 'skipped': {
      const { attempts, nextAttemptAt } = row;
      await store.updateOutbox({ id, status: 'skipped', attempts, nextAttemptAt, lastError: outcome.reason });
      report.skipped.push({ id, channel, reason: outcome.reason });
      return;
    }
    case 'dead': {
      const { attempts, error } = outcome;
      await store.updateOutbox({
        id,
        status: 'dead',
        attempts,
        nextAttemptAt: row.nextAttemptAt,
        lastError: error,
      });
      report.failed.push({ id, channel, error, attempts, nextAttemptAt: null, dead: true });
      return;
    }
    case 'pending': {
      const { attempts, nextAttemptAt, error } = outcome;
      await store.updateOutbox({ id, status: 'pending', attempts, nextAttemptAt, lastError: error });
      report.failed.push({ id, channel, error, attempts, nextAttemptAt, dead: false });
      return;
    }
    case 'held': {
      const { status, attempts, nextAttemptAt } = row;
      await store.updateOutbox({ id, status, attempts, nextAttemptAt, lastError: outcome.error });
      report.failed.push({ id, channel, error: outcome.error, attempts, nextAttemptAt, dead: false });
      return;
    }
  }
}
