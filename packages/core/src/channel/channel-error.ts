import { SlokitError } from '../errors/slokit-error.js';
import type { ChannelFailure } from './channel.js';

/** A channel could not deliver a batch. Messages name the channel and the reason, never the URL or the key. */
export class ChannelError extends SlokitError implements ChannelFailure {
  readonly channel: string;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly dead: boolean;

  constructor(
    channel: string,
    message: string,
    options: { retryable: boolean; retryAfterMs?: number; dead?: boolean; cause?: unknown },
  ) {
    super(`channel '${channel}': ${message}`, { exitCode: 3, cause: options.cause });
    this.name = 'ChannelError';
    this.channel = channel;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.dead = options.dead ?? false;
  }
}
