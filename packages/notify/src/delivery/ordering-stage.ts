import type { DeliveryStage } from './delivery-stage.js';

/**
 * Keeps a channel's messages in order: after a retryable failure (the endpoint is in trouble), the channel's later
 * rows wait until the failed one's next attempt, and then go after it. A rejected message (400) says nothing about
 * the next one and holds nothing back.
 */
export function orderingStage(): DeliveryStage {
  let blockedUntil: { at: number; reason: string } | undefined;
  return async (delivery, next) => {
    if (blockedUntil !== undefined) {
      return {
        status: 'pending',
        attempts: delivery.row.attempts,
        nextAttemptAt: blockedUntil.at,
        error: `not sent yet: an earlier message to this channel is waiting to be retried (${blockedUntil.reason})`,
        retryable: true,
      };
    }
    const outcome = await next();
    if (outcome.status === 'pending' && outcome.retryable)
      blockedUntil = { at: outcome.nextAttemptAt, reason: outcome.error };
    return outcome;
  };
}
