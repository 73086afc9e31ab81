export { type DiscordReceiver, startDiscordReceiver } from './discord-receiver.js';
export {
  type HttpReceiver,
  type HttpReceiverOptions,
  idempotencyKey,
  type ReceivedRequest,
  type ReceiverFault,
  type ReceiverReply,
  startHttpReceiver,
  uniqueMessages,
} from './http-receiver.js';
export type {
  PagerdutyAcceptedEvent,
  PagerdutyAlertLogEntry,
  PagerdutyReceiverAlert,
} from './pagerduty-alerts.js';
export {
  type PagerdutyReceivedRequest,
  type PagerdutyReceiver,
  type PagerdutyReceiverFault,
  type PagerdutyReceiverOptions,
  startPagerdutyReceiver,
} from './pagerduty-receiver.js';
export { type SlackReceiver, startSlackReceiver } from './slack-receiver.js';
export { startTeamsReceiver, type TeamsReceiver } from './teams-receiver.js';
export { discordReceiverLimits, validateDiscordMessage } from './validate-discord-message.js';
export { pagerdutyEventLimits, validatePagerdutyEvent } from './validate-pagerduty-event.js';
export { slackReceiverLimits, validateSlackMessage } from './validate-slack-message.js';
export { teamsReceiverLimits, validateTeamsMessage } from './validate-teams-message.js';
export {
  startWebhookReceiver,
  type WebhookReceiver,
  type WebhookReceiverOptions,
} from './webhook-receiver.js';
