import { z } from 'zod';
import { defineHttpChannel, type HttpChannelOptions } from '../http/define-http-channel.js';
import { headersSchema, httpUrlSchema, scheduleSchema, timeoutSchema } from '../settings/common-settings.js';
import { signWebhook, webhookSecretKey } from './sign-webhook.js';
import { webhookAlertParts, webhookDigestPayload } from './webhook-payload.js';

const secretSchema = z.string().refine((secret) => webhookSecretKey(secret) !== undefined, {
  message:
    "expected a Standard Webhooks secret: 'whsec_' and 24 to 64 random bytes in base64 " +
    `(make one with: node -e "console.log('whsec_' + require('crypto').randomBytes(32).toString('base64'))")`,
});

const reservedHeaders = [
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'content-type',
  'content-length',
];

/** `channels.<name>` for `type: webhook` (without `type`). */
export const webhookChannelSettingsSchema = z.strictObject({
  /** Where the JSON payload is POSTed. */
  url: httpUrlSchema,
  /**
   * Signs every request per Standard Webhooks (`whsec_...`; use `${WEBHOOK_SECRET}`). A list signs with each, for
   * rotating the secret without downtime. Without a secret, requests are not signed.
   */
  secret: z.union([secretSchema, z.array(secretSchema).min(1)]).optional(),
  /** Extra headers on every request, such as `Authorization`. Their values are treated as secrets. */
  headers: headersSchema
    .refine((headers) => Object.keys(headers).every((key) => !reservedHeaders.includes(key.toLowerCase())), {
      message: `these headers are set by slokit: ${reservedHeaders.join(', ')}`,
    })
    .optional(),
  timeout: timeoutSchema.optional(),
  schedule: scheduleSchema.optional(),
});

export type WebhookChannelSettings = z.input<typeof webhookChannelSettingsSchema>;

/** `now` is the clock of `webhook-timestamp` (epoch ms). */
export type WebhookChannelOptions = HttpChannelOptions;

/**
 * The Standard Webhooks headers: `webhook-id` (the message key: the same on every retry, so receivers drop
 * duplicates), `webhook-timestamp` (the attempt, unix seconds) and, with a secret, `webhook-signature`.
 */
function webhookHeaders(
  request: { key: string; body: string },
  settings: z.output<typeof webhookChannelSettingsSchema>,
  now: () => number,
): Record<string, string> {
  // Standard Webhooks ids must not contain '.' (it separates the signed parts).
  const id = request.key.replace(/\./g, '_');
  const timestamp = Math.floor(now() / 1000);
  const headers: Record<string, string> = {
    ...settings.headers,
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
  };
  const secrets = settings.secret === undefined ? [] : [settings.secret].flat();
  if (secrets.length > 0)
    headers['webhook-signature'] = signWebhook({ id, timestamp, body: request.body, secrets });
  return headers;
}

/**
 * A generic webhook: the versioned JSON payload of `webhook-payload.ts` (documented in the README), with the
 * Standard Webhooks headers (see `webhookHeaders`); a batch too large for one request goes in bounded parts. Any
 * 2xx is success; 410 Gone marks the endpoint dead; 429 and 5xx are retried (honouring Retry-After); other 4xx are
 * not. A retried batch skips the parts the endpoint already took.
 */
export const createWebhookChannel = defineHttpChannel({
  type: 'webhook',
  settingsSchema: webhookChannelSettingsSchema,
  endpoints: (settings) => ({ name: 'webhook endpoint', url: settings.url }),
  messages: (batch) => webhookAlertParts(batch).map((part) => ({ key: part.key, body: part.payload })),
  digestMessages: (digest) => [{ key: digest.id, body: webhookDigestPayload(digest) }],
  headers: webhookHeaders,
  deadStatuses: [410],
});
