import { randomUUID } from 'node:crypto';
import { ChannelError, type ChannelV1, type ResolvedConfig, SlokitError } from '@slokit/core';
import { type CreateChannelOptions, createChannel } from './create-channel.js';
import { channelSecrets, environmentSecrets, redactSecrets } from './http/redact-secrets.js';
import { sampleAlertBatch } from './sample-alert-batch.js';

export interface SendTestMessageOptions {
  /** The channel's name in `channels`. */
  name: string;
  config: ResolvedConfig;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
  now?: () => number;
  /** A prebuilt channel (tests). */
  channel?: ChannelV1;
  factories?: CreateChannelOptions['factories'];
  fetch?: typeof globalThis.fetch;
}

/**
 * `slokit test-channel NAME`: sends a clearly marked test message (`test: true`, "[TEST]" in the title, sample
 * events) straight to the channel, not through the outbox, once and without retries, so a broken setting shows at
 * once. Throws the ChannelError (exit 3) with secrets removed, or a ConfigError for bad settings (exit 2).
 */
export async function sendTestMessage(
  options: SendTestMessageOptions,
): Promise<{ id: string; channel: string; type: string; events: number }> {
  const channel =
    options.channel ??
    (await createChannel(options.name, options.config, {
      ...(options.env ? { env: options.env } : {}),
      ...(options.factories ? { factories: options.factories } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }));
  const at = new Date((options.now ?? Date.now)()).toISOString();
  const batch = sampleAlertBatch({
    id: `test-${randomUUID().replace(/-/g, '').slice(0, 16)}`,
    cycleId: `test:${at}`,
    at,
    channel: options.name,
    test: true,
  });
  try {
    await channel.send(batch, options.signal ? { signal: options.signal } : {});
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const secrets = [
      ...channelSecrets(options.config.channels[options.name] ?? {}),
      ...environmentSecrets(options.env ?? process.env),
    ].sort((a, b) => b.length - a.length);
    if (!SlokitError.isInstance(error)) {
      throw new ChannelError(
        options.name,
        `unexpected error: ${redactSecrets(String((error as Error)?.message ?? error), secrets)}`,
        { retryable: false },
      );
    }
    error.message = redactSecrets(error.message, secrets);
    if (error.stack) error.stack = redactSecrets(error.stack, secrets);
    throw error;
  }
  return { id: batch.id, channel: options.name, type: channel.type, events: batch.events.length };
}
