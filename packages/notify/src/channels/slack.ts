import {
  type AlertBatch,
  ChannelError,
  type ChannelV1,
  type DigestBatch,
  type SendOptions,
} from '@slokit/core';
import { z } from 'zod';
import type { ChannelFactoryOptions } from '../channel-factory.js';
import { postRequest } from '../http/post-request.js';
import { channelSecrets } from '../http/redact-secrets.js';
import { httpUrlSchema, scheduleSchema, timeoutMs, timeoutSchema } from '../settings/common-settings.js';
import { parseChannelSettings } from '../settings/parse-channel-settings.js';
import { buildSlackDigest, buildSlackMessage, type SlackMessage } from './slack-message.js';

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

/**
 * Slack through an incoming webhook, with Block Kit messages (see `buildSlackMessage`). Slack answers `200 ok`;
 * 400 (`invalid_payload`, `invalid_blocks`) is not retried; 404 `channel_not_found` and 410 `channel_is_archived`
 * mean the webhook is dead; 429 is retried after `Retry-After`; 5xx is retried.
 */
export function createSlackChannel(
  name: string,
  settings: SlackChannelSettings,
  options: ChannelFactoryOptions = {},
): ChannelV1 {
  const parsed = parseChannelSettings(slackChannelSettingsSchema, name, settings, options.configFile);
  const secrets = channelSecrets(parsed);
  const messageOptions = { dashboardUrl: parsed.dashboardUrl };
  const post = async (id: string, message: SlackMessage, sendOptions: SendOptions = {}) => {
    const response = await postRequest({
      channel: name,
      endpoint: 'Slack webhook',
      url: parsed.webhookUrl,
      body: JSON.stringify(message),
      // Slack ignores it; receivers that log requests can dedupe on it (the block ids carry it too).
      headers: { 'idempotency-key': id },
      timeoutMs: timeoutMs(parsed.timeout),
      secrets,
      ...(sendOptions.signal ? { signal: sendOptions.signal } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      isSuccess: (status) => status === 200,
    });
    if (response.text.trim() !== 'ok') {
      throw new ChannelError(
        name,
        `the Slack webhook answered 200 without 'ok'; the message may not have arrived`,
        {
          retryable: false,
        },
      );
    }
  };
  return {
    specificationVersion: 'v1',
    name,
    type: 'slack',
    send: (batch: AlertBatch, sendOptions?: SendOptions) =>
      post(batch.id, buildSlackMessage(batch, messageOptions), sendOptions),
    sendDigest: (digest: DigestBatch, sendOptions?: SendOptions) =>
      post(digest.id, buildSlackDigest(digest, messageOptions), sendOptions),
  };
}
