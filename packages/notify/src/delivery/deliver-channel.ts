import type { ChannelV1, OutboxRow } from '@slokit/core';
import { createChannel, isDigestChannel } from '../create-channel.js';
import { bookkeepingStage } from './bookkeeping-stage.js';
import { deadEndpointStage } from './dead-endpoint-stage.js';
import type { DeliverOutboxOptions } from './deliver-outbox-options.js';
import { type DeliveryContext, deliveryContext } from './delivery-context.js';
import type { DeliveryReport } from './delivery-report.js';
import { runStages } from './delivery-stage.js';
import { orderingStage } from './ordering-stage.js';
import { parseOutboxPayload } from './outbox-payload.js';
import { errorMessage, retryStage } from './retry-stage.js';
import { type RowOutcome, retryLater } from './row-outcome.js';
import { scheduleStage } from './schedule-stage.js';

/**
 * Delivers one channel's due rows in order, page after page: what it learns on one page (the endpoint is dead,
 * its rows wait behind a failed one) holds for the next. Resolves to how many rows it left due on purpose (its
 * channel is not configured any more), so the next page reads past them.
 */
export function channelDelivery(
  name: string,
  options: DeliverOutboxOptions,
  report: DeliveryReport,
): (rows: readonly OutboxRow[]) => Promise<number> {
  const context = deliveryContext(name, options, report);
  const bookkeeping = bookkeepingStage(context);
  let deliverRow: ((row: OutboxRow) => Promise<RowOutcome>) | undefined;
  return async (rows) => {
    deliverRow ??= await rowDelivery(name, options, context);
    const deliver = deliverRow;
    let leftDue = 0;
    for (const row of rows) {
      options.signal?.throwIfAborted();
      const outcome = await bookkeeping(row, () => deliver(row));
      if (outcome.status === 'held') leftDue++;
    }
    return leftDue;
  };
}

/** How each row of the channel is delivered: held (no such channel), failed (it cannot be built) or the stages. */
async function rowDelivery(
  name: string,
  options: DeliverOutboxOptions,
  context: DeliveryContext,
): Promise<(row: OutboxRow) => Promise<RowOutcome>> {
  if (options.config.channels[name] === undefined && !options.channels?.[name]) {
    const error = `channel '${name}' is not in the config any more: its message is kept in the outbox and sent once a channel of that name is configured again`;
    return async () => ({ status: 'held', error });
  }
  let channel: ChannelV1;
  try {
    channel = options.channels?.[name] ?? (await buildChannel(name, options));
  } catch (error) {
    const message = context.clean(`channel '${name}' cannot be built: ${errorMessage(error)}`);
    return async (row) => retryLater(context, row.attempts, message);
  }
  const stages = [
    scheduleStage({ channel, name, digestOnly: isDigestChannel(options.config, name) }),
    deadEndpointStage(),
    orderingStage(),
  ];
  const send = retryStage(context, channel, options);
  return async (row) => {
    const payload = parseOutboxPayload(row.payload);
    if (payload === undefined)
      return retryLater(context, row.attempts, `the outbox row ${row.id} does not hold a batch or a digest`);
    return runStages({ row, payload }, stages, send);
  };
}

function buildChannel(name: string, options: DeliverOutboxOptions): Promise<ChannelV1> {
  return createChannel(name, options.config, {
    ...(options.env ? { env: options.env } : {}),
    ...(options.factories ? { factories: options.factories } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
