import {
  ApiCallError,
  findApiCallError,
  isRetryableStatus,
  parseRetryAfter,
  redactSecret,
  type SecretRedactor,
} from '@slokit/adapter-utils';
import type { LangSmithConnection } from '../settings/langsmith-connection.js';

/** What the SDK's generated client throws for an HTTP status (its `APIError`), as far as slokit reads it. */
interface StatusError {
  status: number;
  headers?: Headers | undefined;
  error?: unknown;
}

export interface RequestDescription {
  source: string;
  method: string;
  url: string;
  connection: LangSmithConnection;
  /** Knows the API key: every message passes it. */
  redactor: SecretRedactor;
}

/**
 * Turns what a LangSmith request threw into an ApiCallError (exit 3) whose message names the endpoint and, for
 * 401/403, the variable the key came from with the key redacted, and says how to fix it. 429, 5xx, timeouts, broken
 * connections and truncated JSON are retryable; an abort, a redirect and other statuses are not. An ApiCallError
 * the guarded fetch threw (a redirect) comes back as it is.
 */
export function toApiCallError(
  error: unknown,
  request: RequestDescription,
  attempts: { count: number; elapsedMs: number },
): ApiCallError {
  const raised = findApiCallError(error);
  if (raised) return raised;
  const gaveUp =
    attempts.count > 1
      ? ` (gave up after ${attempts.count} attempts in ${(attempts.elapsedMs / 1000).toFixed(1)} s)`
      : '';
  if (isStatusError(error)) return statusFailure(error, request, gaveUp);
  const name = kindOf(error);
  const text = (error as Error | undefined)?.message ?? String(error);
  const what =
    name === 'APIConnectionTimeoutError'
      ? `timed out after ${request.connection.timeoutMs} ms`
      : error instanceof SyntaxError
        ? `returned a response that is not valid JSON (${text})`
        : name === 'APIConnectionError'
          ? `could not connect (${describeCause(error)})`
          : `failed while reading the response (${text})`;
  return new ApiCallError({
    source: request.source,
    message: request.redactor.redact(`${request.method} ${request.url} ${what}${gaveUp}`),
    url: request.url,
    isRetryable: !isAbort(error),
    cause: error,
  });
}

/**
 * A status the server answered. The SDK's error is not kept as the cause: its message and fields hold the body as
 * it came, and a hostile server may echo the key in it. The body is kept, redacted, as `responseBody`.
 */
function statusFailure(error: StatusError, request: RequestDescription, gaveUp: string): ApiCallError {
  const where = `${request.method} ${request.url}`;
  const { connection } = request;
  const key = `${connection.apiKeyVariable}=${redactSecret(connection.apiKey)}`;
  const detail = detailOf(error.error);
  const status = error.status;
  let message: string;
  if (status === 401) {
    message = `LangSmith rejected the API key ${key} at ${where}: 401${detail}. Check the key, and that LANGSMITH_ENDPOINT points at the deployment it belongs to.`;
  } else if (status === 403 && /org_scoped_key_requires_workspace/.test(JSON.stringify(error.error ?? ''))) {
    message = `LangSmith refused ${where} for the API key ${key}: 403, the key is org-scoped. Set LANGSMITH_WORKSPACE_ID (or workspaceId in sources.${request.source}) to the workspace to read.`;
  } else if (status === 403) {
    message = `LangSmith refused ${where} for the API key ${key}: 403${detail}. Check that the key may read workspace ${connection.workspaceId ?? '(the key’s default)'} (LANGSMITH_WORKSPACE_ID).`;
  } else {
    message = `${where} failed: ${status}${detail}${gaveUp}`;
  }
  const retryAfterMs = retryAfterOf(error.headers);
  return new ApiCallError({
    source: request.source,
    message: request.redactor.redact(message),
    url: request.url,
    statusCode: status,
    isRetryable: isRetryableStatus(status),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    responseBody: request.redactor.redact(
      typeof error.error === 'string' ? error.error : (JSON.stringify(error.error) ?? ''),
    ),
  });
}

/** Milliseconds from `retry-after-ms` or `Retry-After` (seconds or an HTTP date). */
function retryAfterOf(headers: Headers | undefined): number | undefined {
  const milliseconds = Number(headers?.get('retry-after-ms'));
  if (headers?.get('retry-after-ms') && Number.isFinite(milliseconds) && milliseconds >= 0)
    return milliseconds;
  return parseRetryAfter(headers?.get('retry-after'));
}

function isStatusError(error: unknown): error is StatusError {
  return (
    typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number'
  );
}

function isAbort(error: unknown): boolean {
  return kindOf(error) === 'APIUserAbortError' || (error as Error | undefined)?.name === 'AbortError';
}

/** The SDK's error classes all have the name `Error`: tell them apart by constructor. */
function kindOf(error: unknown): string {
  return typeof error === 'object' && error !== null ? error.constructor.name : '';
}

/** `: Invalid token` from LangSmith's `{"detail": ...}` error bodies (kept short). */
function detailOf(body: unknown): string {
  if (body === null || body === undefined) return '';
  const detail =
    typeof body === 'object' && 'detail' in body ? (body as { detail: unknown }).detail : (body as unknown);
  const text = typeof detail === 'string' ? detail : JSON.stringify(detail);
  return text ? ` ${text.length > 300 ? `${text.slice(0, 300)}…` : text}` : '';
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { message?: string; cause?: { code?: string } } }).cause;
  return cause?.cause?.code ?? cause?.message ?? (error as Error).message;
}
