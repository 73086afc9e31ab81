import type { ChannelV1 } from '@slokit/core';
import type { DeliveryStage } from './delivery-stage.js';

/**
 * Skips what the channel does not take: single alerts on a channel with `schedule: daily` (they reach it through
 * its daily report) and daily reports on a channel that sends none.
 */
export function scheduleStage(options: {
  channel: ChannelV1;
  name: string;
  /** The channel has `schedule: daily`. */
  digestOnly: boolean;
}): DeliveryStage {
  const { channel, name } = options;
  return (delivery, next) => {
    if (delivery.payload.kind === 'alerts' && options.digestOnly) {
      const reason = `channel '${name}' has schedule: daily: single alerts go into its daily report instead`;
      return Promise.resolve({ status: 'skipped', reason });
    }
    if (delivery.payload.kind === 'digest' && !channel.sendDigest) {
      const reason = `a ${channel.type} channel does not send scheduled reports`;
      return Promise.resolve({ status: 'skipped', reason });
    }
    return next();
  };
}
