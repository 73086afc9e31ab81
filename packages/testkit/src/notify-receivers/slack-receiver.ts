import { type HttpReceiver, type ReceivedRequest, startHttpReceiver } from './http-receiver.js';
import { validateSlackMessage } from './validate-slack-message.js';

export interface SlackReceiver extends HttpReceiver {
  /** The incoming-webhook URL to configure: `<url>/services/T.../B.../<token>`. */
  readonly webhookUrl: string;
  /** The messages Slack would have posted, in order. */
  messages(): ReceivedRequest[];
}

/** What Slack answers each error status with (api.slack.com/changelog/2016-05-17-changes-to-errors-for-incoming-webhooks). */
const slackErrorBodies: Record<number, string> = {
  400: 'invalid_payload',
  403: 'action_prohibited',
  404: 'channel_not_found',
  410: 'channel_is_archived',
  429: 'rate_limited',
  500: 'rollup_error',
};

/**
 * A local Slack incoming webhook: answers `200 ok` to a valid message on its webhook path, `400 invalid_payload`
 * (with the problems recorded) to one that breaks the Block Kit format or limits (more than 50 blocks, a section over
 * 3000 characters, a header over 150), `404 no_service` to any other path; faults as `startHttpReceiver`.
 */
export async function startSlackReceiver(
  options: { port?: number; token?: string } = {},
): Promise<SlackReceiver> {
  const path = `/services/T0SLOKIT/B0SLOKIT/${options.token ?? 'xoxSecretWebhookToken123'}`;
  const receiver = await startHttpReceiver({
    ...(options.port === undefined ? {} : { port: options.port }),
    faultBody: (status) => ({
      body: slackErrorBodies[status] ?? `error_${status}`,
      contentType: 'text/plain',
    }),
    handle(request) {
      if (request.method !== 'POST') return { status: 405, body: 'invalid_method', accepted: false };
      if (request.path !== path) return { status: 404, body: 'no_service', accepted: false };
      if (request.json === undefined) {
        return { status: 400, body: 'invalid_payload', accepted: false, problems: ['the body is not JSON'] };
      }
      const problems = validateSlackMessage(request.json);
      if (problems.length > 0) return { status: 400, body: 'invalid_payload', accepted: false, problems };
      return { status: 200, body: 'ok', accepted: true };
    },
  });
  return Object.assign(receiver, {
    get webhookUrl() {
      return `${receiver.url}${path}`;
    },
    messages: () => receiver.accepted(),
  });
}
