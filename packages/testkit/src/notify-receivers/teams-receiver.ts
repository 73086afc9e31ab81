import { type HttpReceiver, type ReceivedRequest, startHttpReceiver } from './http-receiver.js';
import { validateTeamsMessage } from './validate-teams-message.js';

export interface TeamsReceiver extends HttpReceiver {
  readonly webhookUrl: string;
  messages(): ReceivedRequest[];
}

/**
 * A local Teams webhook: a Workflows webhook answers `202` to a valid Adaptive Card message, a legacy connector
 * (`legacy: true`) answers `200 1` and takes MessageCards too; `400` with the problems for a message that breaks the
 * format or the 28 KB limit; `404` for any other path; faults as `startHttpReceiver`.
 */
export async function startTeamsReceiver(
  options: { port?: number; legacy?: boolean } = {},
): Promise<TeamsReceiver> {
  const path = '/workflows/4c6a2b9f/triggers/manual/paths/invoke?sig=teamsSecretSignature987';
  const receiver = await startHttpReceiver({
    ...(options.port === undefined ? {} : { port: options.port }),
    handle(request) {
      if (request.path !== path) return { status: 404, body: 'Not Found', accepted: false };
      if (request.json === undefined)
        return { status: 400, body: 'Bad payload', accepted: false, problems: ['not JSON'] };
      const problems = validateTeamsMessage(request.json, Buffer.byteLength(request.body));
      const isMessageCard = (request.json as { '@type'?: unknown })['@type'] === 'MessageCard';
      if (isMessageCard && !options.legacy)
        problems.push('a Workflows webhook takes Adaptive Cards, not MessageCards');
      if (problems.length > 0) {
        return {
          status: 400,
          body: `Bad payload received by generic incoming webhook: ${problems[0]}`,
          accepted: false,
          problems,
        };
      }
      return options.legacy
        ? { status: 200, body: '1', accepted: true }
        : { status: 202, body: '', accepted: true };
    },
  });
  return Object.assign(receiver, {
    get webhookUrl() {
      return `${receiver.url}${path}`;
    },
    messages: () => receiver.accepted(),
  });
}
