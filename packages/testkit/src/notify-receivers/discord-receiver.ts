import { type HttpReceiver, type ReceivedRequest, startHttpReceiver } from './http-receiver.js';
import { validateDiscordMessage } from './validate-discord-message.js';

export interface DiscordReceiver extends HttpReceiver {
  readonly webhookUrl: string;
  messages(): ReceivedRequest[];
}

const discordErrors: Record<number, unknown> = {
  400: { code: 50035, message: 'Invalid Form Body', errors: {} },
  401: { code: 50027, message: 'Invalid Webhook Token' },
  404: { code: 10015, message: 'Unknown Webhook' },
  429: { message: 'You are being rate limited.', retry_after: 1.5, global: false },
};

/**
 * A local Discord webhook: `204` for a valid message on its path; `400` `{code: 50035, message: "Invalid Form
 * Body"}` with the problems for one past Discord's limits (10 embeds, 6000 characters across embeds, 25 fields,
 * ...); `404` `{code: 10015, message: "Unknown Webhook"}` for any other path; faults as `startHttpReceiver`, with
 * Discord's JSON bodies.
 */
export async function startDiscordReceiver(options: { port?: number } = {}): Promise<DiscordReceiver> {
  const path = '/api/webhooks/1234567890/discordSecretToken_abcdef';
  const receiver = await startHttpReceiver({
    ...(options.port === undefined ? {} : { port: options.port }),
    contentType: 'application/json',
    faultBody: (status) => ({
      body: JSON.stringify(discordErrors[status] ?? { code: 0, message: `${status}: Server Error` }),
      contentType: 'application/json',
    }),
    handle(request) {
      if (request.path !== path)
        return { status: 404, body: JSON.stringify(discordErrors[404]), accepted: false };
      if (request.json === undefined) {
        return {
          status: 400,
          body: JSON.stringify({ code: 50109, message: 'The request body contains invalid JSON.' }),
          accepted: false,
          problems: ['not JSON'],
        };
      }
      const problems = validateDiscordMessage(request.json);
      if (problems.length > 0) {
        return {
          status: 400,
          body: JSON.stringify({ ...(discordErrors[400] as object), errors: problems }),
          accepted: false,
          problems,
        };
      }
      return { status: 204, accepted: true };
    },
  });
  return Object.assign(receiver, {
    get webhookUrl() {
      return `${receiver.url}${path}`;
    },
    messages: () => receiver.accepted(),
  });
}
