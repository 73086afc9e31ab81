import { ApiCallError, isRetryableStatus, parseRetryAfter, redactSecret } from '@slokit/core';

export interface FailureContext {
  /** The configured source name, for SourceError messages. */
  source: string;
  /** `POST https://trace.wandb.ai/calls/stream_query`. */
  endpoint: string;
  url: string;
  apiKey: string;
  apiKeyVariable: string;
}

/**
 * An HTTP answer that is not 2xx, as an ApiCallError saying what the server said (its `detail`, `reason`,
 * `message` or `error`, and `error_code`) and, for 401/403, which variable holds the key (redacted).
 */
export function failedResponse(
  context: FailureContext,
  status: number,
  statusText: string,
  bodyText: string,
  retryAfter: string | null,
): ApiCallError {
  let message = `${context.endpoint} answered ${status}${statusText ? ` ${statusText}` : ''}`;
  const detail = describeErrorBody(bodyText);
  if (detail) message += `: ${detail}`;
  if (status === 401 || status === 403) {
    message +=
      status === 401
        ? ` (the trace server rejected the API key in ${context.apiKeyVariable}, ${redactSecret(context.apiKey)}: check it at https://wandb.ai/authorize)`
        : ` (the key in ${context.apiKeyVariable}, ${redactSecret(context.apiKey)}, may not access this project)`;
  }
  const retryAfterMs = parseRetryAfter(retryAfter);
  return new ApiCallError({
    source: context.source,
    message,
    url: context.url,
    statusCode: status,
    isRetryable: isRetryableStatus(status),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/** A request that never got an answer (refused, reset, timed out), or a body that broke off: worth a retry. */
export function failedTransport(context: FailureContext, what: string, cause: unknown): ApiCallError {
  const reason = describeCause(cause);
  return new ApiCallError({
    source: context.source,
    message: `${context.endpoint}: ${what}${reason ? `: ${reason}` : ''}`,
    url: context.url,
    isRetryable: true,
    cause,
  });
}

/** A 2xx answer whose body is not what the API documents: retrying will not help. */
export function malformedResponse(context: FailureContext, what: string, cause?: unknown): ApiCallError {
  return new ApiCallError({
    source: context.source,
    message: `${context.endpoint}: ${what}`,
    url: context.url,
    isRetryable: false,
    cause,
  });
}

/** The message of a trace server error body: `detail` (a string or FastAPI's list), `reason`, `message`, `error`. */
export function describeErrorBody(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  let body: unknown;
  try {
    body = JSON.parse(trimmed);
  } catch {
    return trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed;
  }
  if (body === null || typeof body !== 'object') return String(body);
  const fields = body as Record<string, unknown>;
  const parts: string[] = [];
  const detail = fields.detail;
  if (Array.isArray(detail)) {
    parts.push(
      detail
        .slice(0, 5)
        .map((entry) => {
          const item = entry as { loc?: unknown[]; msg?: unknown };
          const loc = Array.isArray(item.loc) ? item.loc.join('.') : '';
          return `${loc ? `${loc}: ` : ''}${String(item.msg ?? JSON.stringify(entry))}`;
        })
        .join('; '),
    );
  } else if (detail !== undefined && detail !== null) {
    parts.push(typeof detail === 'string' ? detail : JSON.stringify(detail));
  }
  for (const key of ['reason', 'message', 'error']) {
    const value = fields[key];
    if (typeof value === 'string' && value !== '' && !parts.includes(value)) parts.push(value);
  }
  if (typeof fields.error_code === 'string') parts.push(`error_code ${fields.error_code}`);
  return parts.join(' ');
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return cause === undefined ? '' : String(cause);
  const inner = (cause as { cause?: unknown }).cause;
  const innerMessage = inner instanceof Error ? inner.message : '';
  if (cause.name === 'TimeoutError') return 'timed out';
  return innerMessage && innerMessage !== cause.message
    ? `${cause.message} (${innerMessage})`
    : cause.message;
}
