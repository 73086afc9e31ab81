export { timeWindowFilter } from '@slokit/core';
export { ApiCallError, type ApiCallErrorOptions } from './errors/api-call-error.js';
export { findApiCallError } from './errors/find-api-call-error.js';
export { describeCause } from './http/describe-cause.js';
export { describeErrorBody } from './http/describe-error-body.js';
export { failureError } from './http/failure-error.js';
export { createGuardedFetch } from './http/guarded-fetch.js';
export { HttpAttempt } from './http/http-attempt.js';
export {
  type DescribeFailure,
  defaultFailureMessage,
  type HttpFailure,
  type HttpFailureKind,
  isRetryableFailure,
  redirectMessage,
} from './http/http-failure.js';
export { type HttpMethod, type HttpRequest, type QueryValue, requestUrl } from './http/http-request.js';
export type { HttpSettings } from './http/http-settings.js';
export { parseRetryAfter } from './http/parse-retry-after.js';
export { type RequestOptions, requestBytes, requestJson } from './http/request-json.js';
export { isRetryableStatus } from './retry/is-retryable-status.js';
export { markNotProcessed, wasNotProcessed } from './retry/not-processed.js';
export { type RetryApiCallOptions, type RetrySettings, retryApiCall } from './retry/retry-api-call.js';
export { type RetryOptions, retryWithBackoff } from './retry/retry-with-backoff.js';
export { redactSecret } from './secrets/redact-secret.js';
export {
  createSecretRedactor,
  type SecretRedactor,
  type SecretRedactorOptions,
} from './secrets/secret-redactor.js';
export {
  splitUrlCredentials,
  stripUrlCredentials,
  type UrlWithoutCredentials,
  urlCredentials,
} from './secrets/url-credentials.js';
export { parseSourceConfig } from './settings/parse-source-config.js';
export { requiredEnv } from './settings/required-env.js';
