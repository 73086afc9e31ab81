import type { DeliveryStage } from './delivery-stage.js';

/**
 * Once the channel's endpoint is gone (404/410), its later rows are marked dead with the same reason, without
 * another request.
 */
export function deadEndpointStage(): DeliveryStage {
  let deadReason: string | undefined;
  return async (delivery, next) => {
    if (deadReason !== undefined)
      return { status: 'dead', attempts: delivery.row.attempts, error: deadReason };
    const outcome = await next();
    if (outcome.status === 'dead') deadReason = outcome.error;
    return outcome;
  };
}
