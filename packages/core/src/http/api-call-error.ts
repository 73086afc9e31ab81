import { SourceError } from '../errors/source-error.js';

/**
 * An HTTP call to a tracker or channel failed. `isRetryable` is true for 408, 425, 429, 5xx and network errors.
 * Messages name the endpoint, never the credentials.
 */
export class ApiCallError extends SourceError {
  readonly url: string;
  readonly statusCode: number | undefined;
  readonly isRetryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(options: {
    source: string;
    message: string;
    url: string;
    statusCode?: number;
    isRetryable: boolean;
    retryAfterMs?: number;
    cause?: unknown;
  }) {
    super(options.source, options.message, { cause: options.cause });
    this.name = 'ApiCallError';
    this.url = options.url;
    this.statusCode = options.statusCode;
    this.isRetryable = options.isRetryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
