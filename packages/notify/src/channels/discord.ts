import { z } from 'zod';
import { defineHttpChannel } from '../http/define-http-channel.js';
import { httpUrlSchema, scheduleSchema, timeoutSchema } from '../settings/common-settings.js';
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
export const createDiscordChannel = defineHttpChannel({
  type: 'discord',
  settingsSchema: discordChannelSettingsSchema,
  endpoints: (settings) => ({ name: 'Discord webhook', url: settings.webhookUrl }),
  messages: (batch, settings) => [
    { key: batch.id, body: buildDiscordMessage(batch, { dashboardUrl: settings.dashboardUrl }) },
  ],
  digestMessages: (digest) => [{ key: digest.id, body: buildDiscordDigest(digest) }],
});
