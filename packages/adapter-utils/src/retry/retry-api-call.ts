import { ApiCallError } from '../errors/api-call-error.js';
import { wasNotProcessed } from './not-processed.js';
import { type RetryOptions, retryWithBackoff } from './retry-with-backoff.js';

/** The knobs of the retry policy an adapter or a test may set; the policy itself (what is retried) is fixed. */
export type RetrySettings = Partial<Omit<RetryOptions, 'classify' | 'signal'>>;

export interface RetryApiCallOptions {
  retry?: RetrySettings | undefined;
  signal?: AbortSignal | undefined;
  /**
   * Whether repeating the call after an ambiguous failure (a 500, a dropped connection) is safe. Default true.
   * A create or an append is not: it is repeated only when the server surely did not act on it (429, refused).
   */
  idempotent?: boolean | undefined;
}

/**
 * The one retry policy of tracker calls: an ApiCallError that `isRetryable` (408, 425, 429, 5xx, timeouts, broken
 * connections, bodies cut short) is tried again with exponential backoff and full jitter, waiting at least what
 * Retry-After asks, within the attempts and the total time of `retry` (default 5 attempts, 2 minutes). Anything
 * else (another status, a redirect, an unexpected body, an abort) fails at once.
 */
export function retryApiCall<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryApiCallOptions = {},
): Promise<T> {
  const idempotent = options.idempotent ?? true;
  return retryWithBackoff(operation, {
    ...options.retry,
    classify: (error) =>
      ApiCallError.isInstance(error) && error.isRetryable && (idempotent || wasNotProcessed(error))
        ? { retry: true, retryAfterMs: error.retryAfterMs }
        : { retry: false },
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
