import { z } from 'zod';
import { defineHttpChannel } from '../http/define-http-channel.js';
import type { PostResponse } from '../http/post-request.js';
import type { ResponseOutcome } from '../http/response-outcome.js';
import { httpUrlSchema, scheduleSchema, timeoutSchema } from '../settings/common-settings.js';
import { buildSlackDigest, buildSlackMessage } from './slack-message.js';

/** `channels.<name>` for `type: slack` (without `type`). */
export const slackChannelSettingsSchema = z.strictObject({
  /** The incoming webhook URL (`https://hooks.slack.com/services/...`): a secret, use `${SLACK_WEBHOOK_URL}`. */
  webhookUrl: httpUrlSchema,
  /** Linked from each message, and from the summary of a batch too large to show in full. */
  dashboardUrl: httpUrlSchema.optional(),
  /** Per-request timeout; default 10s. */
  timeout: timeoutSchema.optional(),
  /** `daily`: no single alerts, one report a day. */
  schedule: scheduleSchema.optional(),
});

export type SlackChannelSettings = z.input<typeof slackChannelSettingsSchema>;

/** Slack answers `200 ok`; a 200 with another body may not have reached the channel. */
function slackOutcome(response: PostResponse): ResponseOutcome {
  if (response.status !== 200) return { delivered: false, status: response.status };
  if (response.text.trim() === 'ok') return { delivered: true };
  return {
    delivered: false,
    reason: `the Slack webhook answered 200 without 'ok'; the message may not have arrived`,
    retryable: false,
  };
}

/**
 * Slack through an incoming webhook, with Block Kit messages (see `buildSlackMessage`). Slack answers `200 ok`;
 * 400 (`invalid_payload`, `invalid_blocks`) is not retried; 404 `channel_not_found` and 410 `channel_is_archived`
 * mean the webhook is dead; 429 is retried after `Retry-After`; 5xx is retried. The `idempotency-key` header
 * (the batch id) is ignored by Slack; receivers that log requests can dedupe on it (the block ids carry it too).
 */
export const createSlackChannel = defineHttpChannel({
  type: 'slack',
  settingsSchema: slackChannelSettingsSchema,
  endpoints: (settings) => ({ name: 'Slack webhook', url: settings.webhookUrl }),
  messages: (batch, settings) => [
    { key: batch.id, body: buildSlackMessage(batch, { dashboardUrl: settings.dashboardUrl }) },
  ],
  digestMessages: (digest, settings) => [
    { key: digest.id, body: buildSlackDigest(digest, { dashboardUrl: settings.dashboardUrl }) },
  ],
  classify: slackOutcome,
});
