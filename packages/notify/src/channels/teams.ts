import { z } from 'zod';
import { defineHttpChannel } from '../http/define-http-channel.js';
import type { PostResponse } from '../http/post-request.js';
import { type ResponseOutcome, statusOutcome } from '../http/response-outcome.js';
import { httpUrlSchema, scheduleSchema, timeoutSchema } from '../settings/common-settings.js';
import { buildTeamsDigest, buildTeamsMessage, type TeamsMessageOptions } from './teams-message.js';

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

/** Legacy connectors answer 200 with the error in the body when Teams itself refused the message. */
function teamsOutcome(response: PostResponse): ResponseOutcome {
  const outcome = statusOutcome(response);
  const refused = outcome.delivered ? /HTTP error (\d{3})/i.exec(response.text) : null;
  return refused ? { delivered: false, status: Number(refused[1]) } : outcome;
}

function messageOptions(settings: z.output<typeof teamsChannelSettingsSchema>): TeamsMessageOptions {
  return { format: settings.format ?? 'adaptive', dashboardUrl: settings.dashboardUrl };
}

/**
 * Microsoft Teams through an incoming webhook (Workflows or a legacy connector). Any 2xx is success, except a legacy
 * connector's 200 whose body reports the HTTP error Teams answered it (`... returned HTTP error 429`).
 */
export const createTeamsChannel = defineHttpChannel({
  type: 'teams',
  settingsSchema: teamsChannelSettingsSchema,
  endpoints: (settings) => ({ name: 'Teams webhook', url: settings.webhookUrl }),
  messages: (batch, settings) => [
    { key: batch.id, body: buildTeamsMessage(batch, messageOptions(settings)) },
  ],
  digestMessages: (digest, settings) => [
    { key: digest.id, body: buildTeamsDigest(digest, messageOptions(settings)) },
  ],
  classify: teamsOutcome,
});
