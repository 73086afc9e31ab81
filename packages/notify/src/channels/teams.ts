import type { AlertBatch, ChannelV1, DigestBatch, SendOptions } from '@slokit/core';
import { z } from 'zod';
import type { ChannelFactoryOptions } from '../channel-factory.js';
import { postRequest } from '../http/post-request.js';
import { channelSecrets } from '../http/redact-secrets.js';
import { statusError } from '../http/status-error.js';
import { httpUrlSchema, scheduleSchema, timeoutMs, timeoutSchema } from '../settings/common-settings.js';
import { parseChannelSettings } from '../settings/parse-channel-settings.js';
import { buildTeamsDigest, buildTeamsMessage } from './teams-message.js';

/** `channels.<name>` for `type: teams` (without `type`). */
export const teamsChannelSettingsSchema = z.strictObject({
  /** The webhook URL of a Teams Workflow (or a legacy connector): a secret, use `${TEAMS_WEBHOOK_URL}`. */
  webhookUrl: httpUrlSchema,
  /** `adaptive` (default): an Adaptive Card, what Workflows webhooks take; `messagecard`: legacy connectors. */
  format: z.enum(['adaptive', 'messagecard']).optional(),
  dashboardUrl: httpUrlSchema.optional(),
  timeout: timeoutSchema.optional(),
  schedule: scheduleSchema.optional(),
});

export type TeamsChannelSettings = z.input<typeof teamsChannelSettingsSchema>;

/**
 * Microsoft Teams through an incoming webhook (Workflows or a legacy connector). Any 2xx is success, except a legacy
 * connector's 200 whose body reports the HTTP error Teams answered it (`... returned HTTP error 429`).
 */
export function createTeamsChannel(
  name: string,
  settings: TeamsChannelSettings,
  options: ChannelFactoryOptions = {},
): ChannelV1 {
  const parsed = parseChannelSettings(teamsChannelSettingsSchema, name, settings, options.configFile);
  const secrets = channelSecrets(parsed);
  const messageOptions = { format: parsed.format ?? 'adaptive', dashboardUrl: parsed.dashboardUrl } as const;
  const post = async (id: string, message: unknown, sendOptions: SendOptions = {}) => {
    const response = await postRequest({
      channel: name,
      endpoint: 'Teams webhook',
      url: parsed.webhookUrl,
      body: JSON.stringify(message),
      headers: { 'idempotency-key': id },
      timeoutMs: timeoutMs(parsed.timeout),
      secrets,
      ...(sendOptions.signal ? { signal: sendOptions.signal } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    // Legacy connectors answer 200 with the error in the body when Teams itself refused the message.
    const refused = /HTTP error (\d{3})/i.exec(response.text);
    if (refused) {
      throw statusError({
        channel: name,
        endpoint: 'Teams webhook',
        status: Number(refused[1]),
        body: response.text,
        retryAfter: response.headers.get('retry-after'),
        secrets,
      });
    }
  };
  return {
    specificationVersion: 'v1',
    name,
    type: 'teams',
    send: (batch: AlertBatch, sendOptions?: SendOptions) =>
      post(batch.id, buildTeamsMessage(batch, messageOptions), sendOptions),
    sendDigest: (digest: DigestBatch, sendOptions?: SendOptions) =>
      post(digest.id, buildTeamsDigest(digest, messageOptions), sendOptions),
  };
}
