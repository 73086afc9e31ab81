import type { AlertBatch, ChannelV1, DigestBatch } from '@slokit/core';
import { type HttpReceiver, idempotencyKey, type ReceivedRequest } from '@slokit/testkit/receivers';
import type { ChannelFault, ChannelFixture } from '../testing/index.js';

/** A conformance fixture for a channel that posts one message per batch to a local receiver. */
export function httpChannelFixture(options: {
  receiver: HttpReceiver;
  channel: ChannelV1;
  timeoutChannel?: ChannelV1;
  secrets: string[];
  /** Whether a request is marked as a test message. */
  isTest: (request: ReceivedRequest) => boolean;
}): ChannelFixture {
  const { receiver } = options;
  return {
    channel: options.channel,
    ...(options.timeoutChannel === undefined ? {} : { timeoutChannel: options.timeoutChannel }),
    received: () =>
      receiver.accepted().map((request) => ({ key: idempotencyKey(request), test: options.isTest(request) })),
    expectedKeys: (batch: AlertBatch | DigestBatch) => [batch.id],
    fault: (fault: ChannelFault | null) =>
      receiver.fault(
        fault === null
          ? null
          : fault.kind === 'status'
            ? {
                kind: 'status',
                status: fault.status,
                ...(fault.retryAfterSeconds === undefined
                  ? {}
                  : { retryAfter: String(fault.retryAfterSeconds) }),
              }
            : fault,
      ),
    secrets: options.secrets,
    teardown: () => receiver.stop(),
  };
}
