export interface RetryOptions {
  /** Attempts in all, the first included. Default 5. */
  maxAttempts?: number;
  /** First backoff; doubles each attempt. Default 500 ms. */
  initialDelayMs?: number;
  /** Cap of one backoff. Default 30 s. */
  maxDelayMs?: number;
  /** Give up once this much time has passed since the first attempt. Default 120 s. */
  maxTotalMs?: number;
  /** Whether an error is worth another attempt, and how long the server asked to wait (Retry-After). */
  classify: (error: unknown) => { retry: boolean; retryAfterMs?: number | undefined };
  signal?: AbortSignal;
  /** Injectable for tests: the clock, the sleep and the jitter source. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/**
 * Runs `operation` until it succeeds, retrying what `classify` calls retryable with exponential backoff and full
 * jitter, honouring Retry-After, within a bounded number of attempts and a bounded total time.
 */
export async function retryWithBackoff<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 5;
  const initialDelayMs = options.initialDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const maxTotalMs = options.maxTotalMs ?? 120_000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const started = now();
  for (let attempt = 1; ; attempt++) {
    options.signal?.throwIfAborted();
    try {
      return await operation(attempt);
    } catch (error) {
      const verdict = options.classify(error);
      if (!verdict.retry || attempt >= maxAttempts) throw error;
      const backoff = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1)) * random();
      const delayMs = Math.max(backoff, verdict.retryAfterMs ?? 0);
      if (now() - started + delayMs > maxTotalMs) throw error;
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
