import type { RetrySettings } from '../retry/retry-api-call.js';
import type { SecretRedactor } from '../secrets/secret-redactor.js';
import type { DescribeFailure } from './http-failure.js';

/** How an adapter talks to its tracker: the same for every request of one source. */
export interface HttpSettings {
  /** The configured source name, which errors start with. */
  source: string;
  /** Time limit of one attempt, from sending the request to the last byte of the answer. */
  timeoutMs: number;
  /** Knows the source's secrets: every error message and error body passes it. */
  redactor: SecretRedactor;
  /** The adapter's wording of failures. */
  describe?: DescribeFailure | undefined;
  /** Attempts, backoff and total time of the retry policy. */
  retry?: RetrySettings | undefined;
  userAgent?: string | undefined;
  /** Injectable for tests and embedding; default the global fetch. */
  fetch?: typeof globalThis.fetch | undefined;
}
