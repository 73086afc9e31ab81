import type { AlertBatch, AlertEvent, DigestBatch, HistoryReport } from '@slokit/core';

/** The version of the webhook payload schema; a breaking change to it makes version 2. */
export const webhookSchemaVersion = 1;

/** What a webhook receives for a batch of alert events. Documented in the package README. */
export interface WebhookAlertsPayload {
  type: 'slokit.alerts';
  schemaVersion: 1;
  /** The time of the sync cycle (ISO 8601). */
  timestamp: string;
  /** `slokit test-channel`: a test, not an alert. */
  test: boolean;
  data: {
    /** The idempotency key, also sent as the `webhook-id` header: the same for every retry of the batch. */
    batchId: string;
    cycleId: string;
    /** The configured channel name. */
    channel: string;
    events: AlertEvent[];
    /**
     * Only on a batch too large for one request, sent in parts of at most `webhookLimits.eventsPerRequest` events:
     * this part's number (from 1) and how many there are. Each part has its own `webhook-id`.
     */
    part?: { index: number; count: number };
  };
}

/** What a webhook with `schedule: daily` receives once a day: the report of the day. */
export interface WebhookDigestPayload {
  type: 'slokit.digest';
  schemaVersion: 1;
  /** The end of the period (ISO 8601). */
  timestamp: string;
  test: boolean;
  data: {
    digestId: string;
    channel: string;
    from: string;
    to: string;
    report: HistoryReport;
  };
}

export type WebhookPayload = WebhookAlertsPayload | WebhookDigestPayload;

/** What one webhook request of a batch may carry: a batch past either limit goes in several requests. */
export const webhookLimits = {
  eventsPerRequest: 500,
  /** The JSON of a part's events; one event larger than this still goes, alone. */
  eventBytesPerRequest: 1_000_000,
} as const;

/**
 * The requests a batch is sent as: one payload (`webhook-id` = the batch id) for a batch within `webhookLimits`,
 * else parts in the batch's order, each with `data.part` and the key `<batch id>-part-<index>-of-<count>`, the same
 * on every retry.
 */
export function webhookAlertParts(batch: AlertBatch): Array<{ key: string; payload: WebhookAlertsPayload }> {
  const chunks = eventChunks(batch.events);
  if (chunks.length <= 1) return [{ key: batch.id, payload: webhookAlertsPayload(batch) }];
  return chunks.map((events, index) => {
    const part = { index: index + 1, count: chunks.length };
    const payload = webhookAlertsPayload({ ...batch, events });
    return {
      key: `${batch.id}-part-${part.index}-of-${part.count}`,
      payload: { ...payload, data: { ...payload.data, part } },
    };
  });
}

function eventChunks(events: readonly AlertEvent[]): AlertEvent[][] {
  const chunks: AlertEvent[][] = [];
  let current: AlertEvent[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = Buffer.byteLength(JSON.stringify(event));
    const full =
      current.length >= webhookLimits.eventsPerRequest || bytes + size > webhookLimits.eventBytesPerRequest;
    if (current.length > 0 && full) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(event);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export function webhookAlertsPayload(batch: AlertBatch): WebhookAlertsPayload {
  return {
    type: 'slokit.alerts',
    schemaVersion: webhookSchemaVersion,
    timestamp: batch.at,
    test: batch.test === true,
    data: { batchId: batch.id, cycleId: batch.cycleId, channel: batch.channel, events: batch.events },
  };
}

export function webhookDigestPayload(digest: DigestBatch): WebhookDigestPayload {
  return {
    type: 'slokit.digest',
    schemaVersion: webhookSchemaVersion,
    timestamp: digest.to,
    test: digest.test === true,
    data: {
      digestId: digest.id,
      channel: digest.channel,
      from: digest.from,
      to: digest.to,
      report: digest.report,
    },
  };
}
