import type { AlertBatch, ChannelV1, DigestBatch, SendOptions } from '@slokit/core';
import { z } from 'zod';
import type { ChannelFactoryOptions } from '../channel-factory.js';
import { postRequest } from '../http/post-request.js';
import { channelSecrets } from '../http/redact-secrets.js';
import { httpUrlSchema, scheduleSchema, timeoutMs, timeoutSchema } from '../settings/common-settings.js';
import { parseChannelSettings } from '../settings/parse-channel-settings.js';
import { signWebhook, webhookSecretKey } from './sign-webhook.js';
import { webhookAlertsPayload, webhookDigestPayload } from './webhook-payload.js';

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
  headers: z
    .record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'expected an HTTP header name'), z.string())
    .refine((headers) => Object.keys(headers).every((key) => !reservedHeaders.includes(key.toLowerCase())), {
      message: `these headers are set by slokit: ${reservedHeaders.join(', ')}`,
    })
    .optional(),
  timeout: timeoutSchema.optional(),
  schedule: scheduleSchema.optional(),
});

export type WebhookChannelSettings = z.input<typeof webhookChannelSettingsSchema>;

export interface WebhookChannelOptions extends ChannelFactoryOptions {
  /** The clock of `webhook-timestamp` (epoch ms); injectable for tests. */
  now?: () => number;
}

/**
 * A generic webhook: the versioned JSON payload of `webhook-payload.ts` (documented in the README), with the
 * Standard Webhooks headers `webhook-id` (the batch id: the same on every retry, so receivers drop duplicates),
 * `webhook-timestamp` (the attempt, unix seconds) and `webhook-signature`. Any 2xx is success; 410 Gone marks the
 * endpoint dead; 429 and 5xx are retried (honouring Retry-After); other 4xx are not.
 */
export function createWebhookChannel(
  name: string,
  settings: WebhookChannelSettings,
  options: WebhookChannelOptions = {},
): ChannelV1 {
  const parsed = parseChannelSettings(webhookChannelSettingsSchema, name, settings, options.configFile);
  const secrets = channelSecrets(parsed);
  const signingSecrets =
    parsed.secret === undefined ? [] : Array.isArray(parsed.secret) ? parsed.secret : [parsed.secret];
  const now = options.now ?? Date.now;
  const post = async (id: string, payload: unknown, sendOptions: SendOptions = {}) => {
    // Standard Webhooks ids must not contain '.' (it separates the signed parts).
    const webhookId = id.replace(/\./g, '_');
    const timestamp = Math.floor(now() / 1000);
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = {
      ...parsed.headers,
      'webhook-id': webhookId,
      'webhook-timestamp': String(timestamp),
    };
    if (signingSecrets.length > 0) {
      headers['webhook-signature'] = signWebhook({ id: webhookId, timestamp, body, secrets: signingSecrets });
    }
    await postRequest({
      channel: name,
      endpoint: 'webhook endpoint',
      url: parsed.url,
      body,
      headers,
      timeoutMs: timeoutMs(parsed.timeout),
      secrets,
      deadStatuses: [410],
      ...(sendOptions.signal ? { signal: sendOptions.signal } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  };
  return {
    specificationVersion: 'v1',
    name,
    type: 'webhook',
    send: (batch: AlertBatch, sendOptions?: SendOptions) =>
      post(batch.id, webhookAlertsPayload(batch), sendOptions),
    sendDigest: (digest: DigestBatch, sendOptions?: SendOptions) =>
      post(digest.id, webhookDigestPayload(digest), sendOptions),
  };
}
