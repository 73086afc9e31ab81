import { SourceError } from '@slokit/core';

const marker = Symbol.for('slokit.api-call-error');

export interface ApiCallErrorOptions {
  /** The configured source whose tracker failed: messages start `source '<name>': `. */
  source: string;
  /** What failed and how to fix it; never a credential (tracker errors pass a SecretRedactor first). */
  message: string;
  /** The endpoint, without credentials. */
  url: string;
  statusCode?: number | undefined;
  isRetryable: boolean;
  /** How long the server asked to wait (Retry-After), in ms. */
  retryAfterMs?: number | undefined;
  /** The answer's body, already cleaned of secrets. */
  responseBody?: string | undefined;
  cause?: unknown;
}

/**
 * A call to a tracker's API failed: a status that is not a success, no answer, an answer cut short or one that is
 * not what the API documents, or a redirect. `isRetryable` says whether another attempt may succeed. A SourceError
 * (exit 3). Carries a global-symbol marker, so `ApiCallError.isInstance` holds across duplicate installs.
 */
export class ApiCallError extends SourceError {
  readonly [marker] = true;
  readonly url: string;
  readonly statusCode: number | undefined;
  readonly isRetryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly responseBody: string | undefined;

  constructor(options: ApiCallErrorOptions) {
    super(options.source, options.message, { cause: options.cause });
    this.name = 'ApiCallError';
    this.url = options.url;
    this.statusCode = options.statusCode;
    this.isRetryable = options.isRetryable;
    this.retryAfterMs = options.retryAfterMs;
    this.responseBody = options.responseBody;
  }

  static isInstance(error: unknown): error is ApiCallError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
