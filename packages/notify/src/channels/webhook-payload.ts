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
