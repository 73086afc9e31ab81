import type { AlertEvent } from '../cycle/sync-result.js';
import type { SlokitError } from '../errors/slokit-error.js';
import type { HistoryReport } from '../history-report/history-report.js';

/** One message to one channel: the alert events of one sync cycle that a route sends there. */
export interface AlertBatch {
  /** Idempotency key: the same batch retried keeps it (PagerDuty dedup keys and webhook-id derive from it). */
  id: string;
  cycleId: string;
  /** ISO time of the cycle. */
  at: string;
  /** The configured channel name. */
  channel: string;
  events: AlertEvent[];
  /** `slokit test-channel`: a clearly marked test message, not an alert. */
  test?: boolean;
}

export interface SendOptions {
  signal?: AbortSignal;
}

/**
 * Version 1 of the contract every notification channel implements (Slack, email, PagerDuty, webhooks, Alertmanager,
 * Teams, Discord, console). `send` resolves when the receiver accepted the batch and throws a ChannelError otherwise.
 * Credentials come from the channel's config at send time; a batch never carries them.
 */
export interface ChannelV1 {
  readonly specificationVersion: 'v1';
  readonly name: string;
  readonly type: string;
  send(batch: AlertBatch, options?: SendOptions): Promise<void>;
  /** Channels with a schedule (email `schedule: daily`) send the report of the period instead of single events. */
  sendDigest?(digest: DigestBatch, options?: SendOptions): Promise<void>;
}

/** The report of a period for a digest channel. */
export interface DigestBatch {
  /** Idempotency key: channel and period. */
  id: string;
  channel: string;
  from: string;
  to: string;
  report: HistoryReport;
  test?: boolean;
}

export type Channel = ChannelV1;

/** Why a channel did not take a batch: retry later (429, 5xx, timeout), or not (400, 404/410: a dead endpoint). */
export interface ChannelFailure extends SlokitError {
  readonly channel: string;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  /** The endpoint is gone (404/410): stop sending until the config changes. */
  readonly dead: boolean;
}
