/** The longest a failed row waits before its next attempt. */
export const maxRetryDelayMs = 3_600_000;
const firstRetryDelayMs = 30_000;

/** The wait before the next attempt of a row that failed `attempts` times: 30 s doubling, jittered, at most an hour. */
export function retryDelay(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(maxRetryDelayMs, firstRetryDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(base / 2 + (random() * base) / 2);
}
