/**
 * The one set of HTTP statuses worth another attempt, for every tracker: 408 (timeout), 425 (too early), 429 (rate
 * limited) and 5xx. Anything else fails at once.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
