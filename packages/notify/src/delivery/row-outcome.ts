import type { DeliveryContext } from './delivery-context.js';
import { maxRetryDelayMs, retryDelay } from './retry-delay.js';

/** What became of one outbox row in a delivery. */
export type RowOutcome =
  /** The channel took it. */
  | { status: 'sent'; attempts: number; events: number }
  /** Not for this channel (single alerts on a digest channel): never sent. */
  | { status: 'skipped'; reason: string }
  /** The endpoint is gone: never retried. */
  | { status: 'dead'; attempts: number; error: string }
  /** To try again at `nextAttemptAt`; a retryable failure holds the channel's later rows back. */
  | { status: 'pending'; attempts: number; nextAttemptAt: number; error: string; retryable: boolean }
  /** Left as it is, due: its channel is not configured any more. */
  | { status: 'held'; error: string };

/** A failed row waits its backoff (or the Retry-After the endpoint asked for, if longer), at most an hour. */
export function retryLater(
  context: DeliveryContext,
  attempts: number,
  error: string,
  failure: { retryable: boolean; retryAfterMs?: number | undefined } = { retryable: false },
): RowOutcome {
  const delay = Math.max(retryDelay(attempts, context.random), failure.retryAfterMs ?? 0);
  return {
    status: 'pending',
    attempts,
    nextAttemptAt: context.now() + Math.min(maxRetryDelayMs, delay),
    error,
    retryable: failure.retryable,
  };
}
