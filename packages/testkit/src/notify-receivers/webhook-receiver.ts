import { createHmac, timingSafeEqual } from 'node:crypto';
import { type HttpReceiver, type ReceivedRequest, startHttpReceiver } from './http-receiver.js';

export interface WebhookReceiver extends HttpReceiver {
  /** The endpoint URL to configure. */
  readonly endpointUrl: string;
  /** Accepted messages, duplicates included (a retry of the same webhook-id is delivered twice). */
  messages(): ReceivedRequest[];
  /** Accepted messages with duplicates dropped by `webhook-id`, as a receiver that dedupes keeps them. */
  unique(): ReceivedRequest[];
}

export interface WebhookReceiverOptions {
  port?: number;
  /** Verify `webhook-signature` with this `whsec_` secret; requests that fail are answered 401. */
  secret?: string;
  /** The success status to answer; default 204 (any 2xx is success). */
  status?: number;
  /** Timestamps further than this from the receiver's clock are refused; default 5 minutes. */
  toleranceSeconds?: number;
  now?: () => number;
}

/**
 * A local Standard Webhooks receiver: checks `webhook-id`, `webhook-timestamp` (within the tolerance) and, with a
 * secret, `webhook-signature` (any of its `v1,` entries, constant-time compare) over `id.timestamp.body`; answers
 * 401 with the reason otherwise; faults as `startHttpReceiver`.
 */
export async function startWebhookReceiver(options: WebhookReceiverOptions = {}): Promise<WebhookReceiver> {
  const path = '/hooks/slokit';
  const now = options.now ?? Date.now;
  const key = options.secret ? Buffer.from(options.secret.replace(/^whsec_/, ''), 'base64') : undefined;
  const receiver = await startHttpReceiver({
    ...(options.port === undefined ? {} : { port: options.port }),
    contentType: 'application/json',
    faultBody: (status) => ({
      body: JSON.stringify({ error: `injected ${status}` }),
      contentType: 'application/json',
    }),
    handle(request) {
      if (request.path !== path) return { status: 404, body: '{"error":"not found"}', accepted: false };
      const problems = verify(request);
      if (problems.length > 0)
        return { status: 401, body: JSON.stringify({ error: problems[0] }), accepted: false, problems };
      if (request.json === undefined)
        return { status: 400, body: '{"error":"not JSON"}', accepted: false, problems: ['not JSON'] };
      return { status: options.status ?? 204, accepted: true };
    },
  });

  function verify(request: ReceivedRequest): string[] {
    const id = request.headers['webhook-id'];
    const timestamp = request.headers['webhook-timestamp'];
    if (!id) return ['missing webhook-id'];
    if (!timestamp || !/^\d+$/.test(timestamp)) return ['missing or malformed webhook-timestamp'];
    if (Math.abs(now() / 1000 - Number(timestamp)) > (options.toleranceSeconds ?? 300)) {
      return ['webhook-timestamp outside the tolerance'];
    }
    if (!key) return [];
    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${request.body}`).digest();
    const signatures = (request.headers['webhook-signature'] ?? '').split(' ');
    const matches = signatures.some((entry) => {
      const [version, signature] = entry.split(',');
      if (version !== 'v1' || !signature) return false;
      const given = Buffer.from(signature, 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    return matches ? [] : ['no matching signature'];
  }

  return Object.assign(receiver, {
    get endpointUrl() {
      return `${receiver.url}${path}`;
    },
    messages: () => receiver.accepted(),
    unique() {
      const seen = new Set<string>();
      return receiver.accepted().filter((request) => {
        const id = request.headers['webhook-id']!;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
    },
  });
}
