import { isRetryableStatus } from '../retry/is-retryable-status.js';
import { describeErrorBody } from './describe-error-body.js';

/** How a call to a tracker failed, before it is worded: what a `DescribeFailure` hook receives. */
export type HttpFailureKind =
  /** An answer whose status is not a success. */
  | { kind: 'status'; status: number; statusText: string; body: string; headers: Headers }
  /** No answer, or no complete one, within the time limit. */
  | { kind: 'timeout'; timeoutMs: number }
  /** No answer at all: refused, reset, unresolvable. `code` is the system error (`ECONNREFUSED`). */
  | { kind: 'network'; code: string | undefined; reason: string }
  /** A redirect, which is never followed: the credentials stay with the configured endpoint. */
  | { kind: 'redirect'; status: number; origin: string }
  /** The answer broke off while it was read. `what` says where, in the adapter's words. */
  | { kind: 'broken-body'; what: string; reason: string }
  /** The answer is not complete JSON (cut short by a proxy or a dropped connection). */
  | { kind: 'invalid-json'; bytes: number; reason: string }
  /** Valid JSON that is not what the API documents. */
  | { kind: 'unexpected-body'; issue: string };

export type HttpFailure = HttpFailureKind & {
  method: string;
  /** The request URL, without credentials. */
  url: string;
  /** The request path, as the adapter named it. */
  path: string;
  cause?: unknown;
};

/**
 * An adapter's wording of a failure (its messages name its variables and say how to fix things); undefined keeps
 * the default wording. Whatever it returns passes the source's SecretRedactor before anyone sees it.
 */
export type DescribeFailure = (failure: HttpFailure) => string | undefined;

/** Whether another attempt may succeed: retryable statuses, timeouts, broken connections, bodies cut short. */
export function isRetryableFailure(failure: HttpFailureKind): boolean {
  switch (failure.kind) {
    case 'status':
      return isRetryableStatus(failure.status);
    case 'redirect':
    case 'unexpected-body':
      return false;
    default:
      return true;
  }
}

/** The wording of a failure when the adapter has none of its own. */
export function defaultFailureMessage(failure: HttpFailure): string {
  const endpoint = `${failure.method} ${failure.url}`;
  switch (failure.kind) {
    case 'status': {
      const detail = describeErrorBody(failure.body);
      return `${endpoint} failed: ${failure.status}${failure.statusText ? ` ${failure.statusText}` : ''}${detail ? `: ${detail}` : ''}`;
    }
    case 'timeout':
      return `${endpoint} timed out after ${failure.timeoutMs} ms`;
    case 'network':
      return `${endpoint} failed: ${failure.reason}`;
    case 'redirect':
      return redirectMessage(failure);
    case 'broken-body':
      return `${endpoint}: ${failure.what}: ${failure.reason}`;
    case 'invalid-json':
      return `${endpoint} returned a response that is not complete JSON (${failure.bytes} bytes): ${failure.reason}`;
    case 'unexpected-body':
      return `${endpoint} returned an unexpected response: ${failure.issue}`;
  }
}

/** Every adapter words a redirect the same way. */
export function redirectMessage(failure: HttpFailure & { kind: 'redirect' }): string {
  return `${failure.method} ${failure.url}: the endpoint redirected to ${failure.origin} (${failure.status}). Redirects are never followed, so that the credentials go nowhere but the configured endpoint: if the API lives there, configure that address.`;
}
