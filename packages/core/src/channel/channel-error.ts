import { hasMarker, SlokitError } from '../errors/slokit-error.js';
import type { ChannelFailure } from './channel.js';

/** A channel could not deliver a batch. Messages name the channel and the reason, never the URL or the key. */
const marker = Symbol.for('slokit.error.ChannelError');

export class ChannelError extends SlokitError implements ChannelFailure {
  readonly [marker] = true;
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

  static override isInstance(error: unknown): error is ChannelError {
    return hasMarker(error, marker);
  }
}
