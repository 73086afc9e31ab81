import { createHmac } from 'node:crypto';

const prefix = 'whsec_';

/** The key bytes of a Standard Webhooks secret `whsec_<base64>`; undefined when it is not one (24 to 64 bytes). */
export function webhookSecretKey(secret: string): Buffer | undefined {
  if (!secret.startsWith(prefix)) return undefined;
  const base64 = secret.slice(prefix.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return undefined;
  const key = Buffer.from(base64, 'base64');
  return key.length >= 24 && key.length <= 64 ? key : undefined;
}

/**
 * The `webhook-signature` header of the Standard Webhooks spec: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`
 * with each secret's decoded bytes, space-separated when several secrets are given (key rotation).
 */
export function signWebhook(options: {
  id: string;
  /** Unix seconds, as sent in `webhook-timestamp`. */
  timestamp: number;
  /** The exact bytes sent. */
  body: string;
  secrets: readonly string[];
}): string {
  const content = `${options.id}.${options.timestamp}.${options.body}`;
  return options.secrets
    .map((secret) => {
      const key = webhookSecretKey(secret);
      if (!key) throw new Error('not a Standard Webhooks secret (whsec_ followed by 24 to 64 base64 bytes)');
      return `v1,${createHmac('sha256', key).update(content, 'utf8').digest('base64')}`;
    })
    .join(' ');
}
