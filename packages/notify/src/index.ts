export type { ChannelFactory, ChannelFactoryOptions } from './channel-factory.js';
export {
  type CreateChannelOptions,
  channelTypes,
  createChannel,
  createChannels,
  isDigestChannel,
} from './create-channel.js';
export { deliverCycle } from './deliver-cycle.js';
export {
  type DeliverOutboxOptions,
  type DeliveryReport,
  deliverOutbox,
  maxRetryDelayMs,
  retryDelay,
} from './deliver-outbox.js';
export { type PostRequestOptions, type PostResponse, postRequest } from './http/post-request.js';
export { channelSecrets, environmentSecrets, redactSecrets } from './http/redact-secrets.js';
export { statusError } from './http/status-error.js';
export { digestId, queueDigests } from './queue-digests.js';
export { sampleAlertBatch, sampleAlertEvent, sampleDigestBatch } from './sample-alert-batch.js';
export { type SendTestMessageOptions, sendTestMessage } from './send-test-message.js';
export {
  defaultTimeoutMs,
  httpUrlSchema,
  scheduleSchema,
  timeoutMs,
  timeoutSchema,
} from './settings/common-settings.js';
export { parseChannelSettings } from './settings/parse-channel-settings.js';
export {
  type ChannelFault,
  type ChannelFixture,
  expectNoSecret,
  type ReceivedMessage,
  testChannel,
} from './test-channel.js';
