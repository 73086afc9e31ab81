import { ApiCallError, isRetryableStatus, parseRetryAfter, redactSecret } from '@slokit/core';
import type { LangSmithConnection } from './langsmith-connection.js';

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
}

/** Whether a failed request is worth another attempt, and how long the server asked to wait. */
export function classifyFailure(error: unknown): { retry: boolean; retryAfterMs?: number } {
  if (isStatusError(error)) {
    if (!isRetryableStatus(error.status)) return { retry: false };
    const retryAfterMs = retryAfterOf(error.headers);
    return retryAfterMs === undefined ? { retry: true } : { retry: true, retryAfterMs };
  }
  if (kindOf(error) === 'APIUserAbortError' || (error as Error | undefined)?.name === 'AbortError') {
    return { retry: false };
  }
  // Timeouts, refused or reset connections, bodies cut short (TypeError: terminated) and truncated JSON.
  return { retry: true };
}

/** Milliseconds from `retry-after-ms` or `Retry-After` (seconds or an HTTP date). */
function retryAfterOf(headers: Headers | undefined): number | undefined {
  const milliseconds = Number(headers?.get('retry-after-ms'));
  if (headers?.get('retry-after-ms') && Number.isFinite(milliseconds) && milliseconds >= 0)
    return milliseconds;
  return parseRetryAfter(headers?.get('retry-after'));
}

/**
 * Turns what a LangSmith request threw into an ApiCallError (exit 3) whose message names the endpoint and, for
 * 401/403, the variable the key came from with the key redacted, and says how to fix it.
 */
export function toApiCallError(
  error: unknown,
  request: RequestDescription,
  attempts: { count: number; elapsedMs: number },
): ApiCallError {
  const where = `${request.method} ${request.url}`;
  const gaveUp =
    attempts.count > 1
      ? ` (gave up after ${attempts.count} attempts in ${(attempts.elapsedMs / 1000).toFixed(1)} s)`
      : '';
  const { connection } = request;
  const key = `${connection.apiKeyVariable}=${redactSecret(connection.apiKey)}`;
  if (isStatusError(error)) {
    const detail = detailOf(error.error);
    const status = error.status;
    let message: string;
    if (status === 401) {
      message = `LangSmith rejected the API key ${key} at ${where}: 401${detail}. Check the key, and that LANGSMITH_ENDPOINT points at the deployment it belongs to.`;
    } else if (
      status === 403 &&
      /org_scoped_key_requires_workspace/.test(JSON.stringify(error.error ?? ''))
    ) {
      message = `LangSmith refused ${where} for the API key ${key}: 403, the key is org-scoped. Set LANGSMITH_WORKSPACE_ID (or workspaceId in sources.${request.source}) to the workspace to read.`;
    } else if (status === 403) {
      message = `LangSmith refused ${where} for the API key ${key}: 403${detail}. Check that the key may read workspace ${connection.workspaceId ?? '(the key’s default)'} (LANGSMITH_WORKSPACE_ID).`;
    } else {
      message = `${where} failed: ${status}${detail}${gaveUp}`;
    }
    const retryAfterMs = retryAfterOf(error.headers);
    return new ApiCallError({
      source: request.source,
      message,
      url: request.url,
      statusCode: status,
      isRetryable: isRetryableStatus(status),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      cause: error,
    });
  }
  const name = kindOf(error);
  const text = (error as Error | undefined)?.message ?? String(error);
  const what =
    name === 'APIConnectionTimeoutError'
      ? `timed out after ${connection.timeoutMs} ms`
      : error instanceof SyntaxError
        ? `returned a response that is not valid JSON (${text})`
        : name === 'APIConnectionError'
          ? `could not connect (${describeCause(error)})`
          : `failed while reading the response (${text})`;
  return new ApiCallError({
    source: request.source,
    message: `${where} ${what}${gaveUp}`,
    url: request.url,
    isRetryable: true,
    cause: error,
  });
}

function isStatusError(error: unknown): error is StatusError {
  return (
    typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number'
  );
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
