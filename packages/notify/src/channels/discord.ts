import type { AlertBatch, ChannelV1, DigestBatch, SendOptions } from '@slokit/core';
import { z } from 'zod';
import type { ChannelFactoryOptions } from '../channel-factory.js';
import { postRequest } from '../http/post-request.js';
import { channelSecrets } from '../http/redact-secrets.js';
import { httpUrlSchema, scheduleSchema, timeoutMs, timeoutSchema } from '../settings/common-settings.js';
import { parseChannelSettings } from '../settings/parse-channel-settings.js';
import { buildDiscordDigest, buildDiscordMessage } from './discord-message.js';

/** `channels.<name>` for `type: discord` (without `type`). */
export const discordChannelSettingsSchema = z.strictObject({
  /** The webhook URL (`https://discord.com/api/webhooks/<id>/<token>`): a secret, use `${DISCORD_WEBHOOK_URL}`. */
  webhookUrl: httpUrlSchema,
  dashboardUrl: httpUrlSchema.optional(),
  timeout: timeoutSchema.optional(),
  schedule: scheduleSchema.optional(),
});

export type DiscordChannelSettings = z.input<typeof discordChannelSettingsSchema>;

/**
 * Discord through a webhook, with embeds. 204 (or 200) is success; 429 is retried after `Retry-After` (or the body's
 * `retry_after`); 404 `Unknown Webhook` means the webhook was deleted (dead); 400 (50035 Invalid Form Body) is not
 * retried.
 */
export function createDiscordChannel(
  name: string,
  settings: DiscordChannelSettings,
  options: ChannelFactoryOptions = {},
): ChannelV1 {
  const parsed = parseChannelSettings(discordChannelSettingsSchema, name, settings, options.configFile);
  const secrets = channelSecrets(parsed);
  const post = async (id: string, message: unknown, sendOptions: SendOptions = {}) => {
    await postRequest({
      channel: name,
      endpoint: 'Discord webhook',
      url: parsed.webhookUrl,
      body: JSON.stringify(message),
      headers: { 'idempotency-key': id },
      timeoutMs: timeoutMs(parsed.timeout),
      secrets,
      ...(sendOptions.signal ? { signal: sendOptions.signal } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  };
  return {
    specificationVersion: 'v1',
    name,
    type: 'discord',
    send: (batch: AlertBatch, sendOptions?: SendOptions) =>
      post(batch.id, buildDiscordMessage(batch, { dashboardUrl: parsed.dashboardUrl }), sendOptions),
    sendDigest: (digest: DigestBatch, sendOptions?: SendOptions) =>
      post(digest.id, buildDiscordDigest(digest), sendOptions),
  };
}
