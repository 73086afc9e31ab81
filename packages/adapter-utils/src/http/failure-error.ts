import { ApiCallError } from '../errors/api-call-error.js';
import { markNotProcessed } from '../retry/not-processed.js';
import { defaultFailureMessage, type HttpFailure, isRetryableFailure } from './http-failure.js';
import type { HttpSettings } from './http-settings.js';
import { parseRetryAfter } from './parse-retry-after.js';

/** The ApiCallError of a failure: worded by the adapter (or by default), its message and body redacted. */
export function failureError(
  failure: HttpFailure,
  settings: Pick<HttpSettings, 'source' | 'redactor' | 'describe'>,
): ApiCallError {
  const { redactor } = settings;
  const message = settings.describe?.(failure) ?? defaultFailureMessage(failure);
  const error = new ApiCallError({
    source: settings.source,
    message: redactor.redact(message),
    url: failure.url,
    isRetryable: isRetryableFailure(failure),
    ...(failure.kind === 'status'
      ? {
          statusCode: failure.status,
          retryAfterMs: parseRetryAfter(failure.headers.get('retry-after')),
          responseBody: redactor.redact(failure.body),
        }
      : {}),
    ...(failure.cause === undefined ? {} : { cause: failure.cause }),
  });
  // A 429 was turned away before the server acted on it: even a create may be sent again.
  return failure.kind === 'status' && failure.status === 429 ? markNotProcessed(error) : error;
}
