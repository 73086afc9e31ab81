import { retryWithBackoff } from '@slokit/adapter-utils';
import { type ChannelV1, SlokitError } from '@slokit/core';
import type { DeliverOutboxOptions } from './deliver-outbox-options.js';
import type { DeliveryContext } from './delivery-context.js';
import type { RowDelivery } from './delivery-stage.js';
import type { OutboxPayload } from './outbox-payload.js';
import { type RowOutcome, retryLater } from './row-outcome.js';

/**
 * Sends a row through the channel, retrying a retryable failure (429, 5xx, timeout, refused connection) a few
 * times within the call: exponential backoff with jitter, honouring Retry-After, a few seconds in all. What still
 * fails is dead (the endpoint is gone) or pending until its next attempt, with the reason, secrets removed.
 */
export function retryStage(
  context: DeliveryContext,
  channel: ChannelV1,
  options: Pick<DeliverOutboxOptions, 'retry' | 'signal' | 'sleep' | 'random'>,
): (delivery: RowDelivery) => Promise<RowOutcome> {
  const { signal } = options;
  return async ({ row, payload }) => {
    let attempts = row.attempts;
    try {
      await retryWithBackoff(
        async () => {
          attempts++;
          await sendPayload(channel, payload, signal);
        },
        {
          classify: (error) =>
            isChannelFailure(error) && error.retryable
              ? { retry: true, retryAfterMs: error.retryAfterMs }
              : { retry: false },
          maxAttempts: options.retry?.maxAttempts ?? 3,
          initialDelayMs: options.retry?.initialDelayMs ?? 500,
          maxDelayMs: options.retry?.maxDelayMs ?? 2000,
          maxTotalMs: options.retry?.maxTotalMs ?? 5000,
          ...(signal ? { signal } : {}),
          ...(options.sleep ? { sleep: options.sleep } : {}),
          ...(options.random ? { random: options.random } : {}),
        },
      );
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const message = context.clean(errorMessage(error));
      if (!isChannelFailure(error)) return retryLater(context, attempts, message);
      if (error.dead) return { status: 'dead', attempts, error: message };
      return retryLater(context, attempts, message, error);
    }
    return { status: 'sent', attempts, events: payload.kind === 'alerts' ? payload.batch.events.length : 0 };
  };
}

function sendPayload(channel: ChannelV1, payload: OutboxPayload, signal: AbortSignal | undefined) {
  const options = signal ? { signal } : {};
  if (payload.kind === 'alerts') return channel.send(payload.batch, options);
  if (!channel.sendDigest) throw new Error(`a ${channel.type} channel does not send scheduled reports`);
  return channel.sendDigest(payload.digest, options);
}

interface ChannelFailureLike {
  retryable: boolean;
  retryAfterMs: number | undefined;
  dead: boolean;
}

function isChannelFailure(error: unknown): error is Error & ChannelFailureLike {
  return SlokitError.isInstance(error) && typeof (error as { retryable?: unknown }).retryable === 'boolean';
}

/** A slokit error says what happened itself; anything else is a bug, said as such. */
export function errorMessage(error: unknown): string {
  if (SlokitError.isInstance(error)) return error.message;
  return `unexpected error: ${(error as Error)?.message ?? String(error)}`;
}
