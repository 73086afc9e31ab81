export type { ChannelFactory, ChannelFactoryOptions } from './channel-factory.js';
export {
  type CreateChannelOptions,
  channelTypes,
  createChannel,
  createChannels,
  isDigestChannel,
} from './create-channel.js';
export { deliverCycle } from './deliver-cycle.js';
export { deliverOutbox } from './delivery/deliver-outbox.js';
export type { DeliverOutboxOptions } from './delivery/deliver-outbox-options.js';
export type { DeliveryReport } from './delivery/delivery-report.js';
export { maxRetryDelayMs, retryDelay } from './delivery/retry-delay.js';
export {
  type ChannelMessage,
  defineHttpChannel,
  type HttpChannelDefinition,
  type HttpChannelFactory,
  type HttpChannelOptions,
  type HttpEndpoint,
  type ResolveContext,
} from './http/define-http-channel.js';
export { type PostRequestOptions, type PostResponse, postRequest } from './http/post-request.js';
export { channelSecrets, environmentSecrets, redactSecrets } from './http/redact-secrets.js';
export { type ResponseOutcome, statusOutcome } from './http/response-outcome.js';
export { statusError } from './http/status-error.js';
export { digestId, queueDigests } from './queue-digests.js';
export { sampleAlertBatch, sampleAlertEvent, sampleDigestBatch } from './sample-alert-batch.js';
export { type SendTestMessageOptions, sendTestMessage } from './send-test-message.js';
export {
  defaultTimeoutMs,
  headersSchema,
  httpUrlSchema,
  maxTimeoutMs,
  scheduleSchema,
  timeoutMs,
  timeoutSchema,
} from './settings/common-settings.js';
export { parseChannelSettings } from './settings/parse-channel-settings.js';
