import type { OutboxRow } from '@slokit/core';
import { channelDelivery } from './deliver-channel.js';
import type { DeliverOutboxOptions } from './deliver-outbox-options.js';
import type { DeliveryReport } from './delivery-report.js';

/**
 * Sends what the outbox holds, at least once. Each channel's due rows go out in order, channels concurrently, so a
 * failing or hanging channel never delays another. A retryable failure (429, 5xx, timeout, refused connection) is
 * retried a few times within the call (exponential backoff with jitter, honouring Retry-After, a few seconds in
 * all), then the row stays `pending` with its attempts, the next attempt time (backoff capped at an hour) and the
 * reason, and the channel's later rows wait behind it so they arrive in order. 404/410 mark the row `dead` (the
 * endpoint is gone). A row is never given up on nor deleted; rows of a channel no longer configured are reported
 * and left as they are. Secrets come from the config at send time and never reach the store, errors or the report.
 * Each channel's rows go through the stages of `channelDelivery`: schedule, dead endpoint, ordering, retry, and
 * bookkeeping around them all.
 */
export async function deliverOutbox(options: DeliverOutboxOptions): Promise<DeliveryReport> {
  const { store } = options;
  const now = options.now ?? Date.now;
  const pageSize = options.pageSize ?? 500;
  const report: DeliveryReport = { sent: [], failed: [], skipped: [] };
  const order = new Map<string, number>();
  const channels = new Map<string, ReturnType<typeof channelDelivery>>();
  // Rows left due on purpose (their channel is gone): read past them on the next page.
  let leftDue = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const rows = (await store.getDueOutbox(now(), leftDue + pageSize)).filter((row) => !order.has(row.id));
    if (rows.length === 0) break;
    for (const row of rows) order.set(row.id, order.size);
    // Every channel runs to its end even when another throws (the store failed, the call was aborted).
    const results = await Promise.allSettled(
      [...groupByChannel(rows)].map(([name, list]) => {
        const deliver = channels.get(name) ?? channelDelivery(name, options, report);
        channels.set(name, deliver);
        return deliver(list);
      }),
    );
    const rejected = results.find((result) => result.status === 'rejected');
    if (rejected) throw rejected.reason;
    for (const result of results) if (result.status === 'fulfilled') leftDue += result.value;
    if (rows.length < pageSize) break;
  }
  const byOrder = (a: { id: string }, b: { id: string }) => order.get(a.id)! - order.get(b.id)!;
  report.sent.sort(byOrder);
  report.failed.sort(byOrder);
  report.skipped.sort(byOrder);
  return report;
}

function groupByChannel(rows: readonly OutboxRow[]): Map<string, OutboxRow[]> {
  const byChannel = new Map<string, OutboxRow[]>();
  for (const row of rows) {
    const list = byChannel.get(row.channel) ?? [];
    list.push(row);
    byChannel.set(row.channel, list);
  }
  return byChannel;
}
