import { jsonReply, type Reply, retryAfterHeader, textReply } from '../test-server/reply.js';

/**
 * A failure the emulator injects into matching requests, before auth and routing, like a proxy or an overloaded
 * server would (the same kinds as the LangSmith emulator's):
 * - `rate-limit`: 429 REQUEST_LIMIT_EXCEEDED with a `Retry-After` header (seconds, default `1`);
 * - `status`: an error status (default 503): 500 INTERNAL_ERROR, 503 TEMPORARILY_UNAVAILABLE and 429 as MLflow JSON
 *   errors, 502 and 504 as a proxy's HTML page; with `Retry-After` when `retryAfter` is given;
 * - `slow`: the normal answer after `delayMs` (default 2000): clients should time out;
 * - `truncate`: a 200 whose JSON body is cut in half (a complete response, invalid JSON);
 * - `reset`: headers and half the body, then the connection is destroyed (the request was processed).
 */
export interface MlflowEmulatorFault {
  kind: 'rate-limit' | 'status' | 'slow' | 'truncate' | 'reset';
  /** Requests whose path contains this (or matches the RegExp); every request when absent. */
  path?: string | RegExp;
  /** GET, POST, ...; any when absent. */
  method?: string;
  /** For `status`; default 503. */
  status?: number;
  /** Retry-After in seconds: default `1` for `rate-limit`, none for `status`. */
  retryAfter?: string | number;
  /** For `slow`; default 2000. */
  delayMs?: number;
  /** How many matching requests it hits; default 1 (`Infinity` for all). */
  times?: number;
  /** Matching requests let through before it starts; default 0. */
  skip?: number;
}

/** The answer of a `rate-limit` or `status` fault, given instead of processing the request. */
export function faultReply(fault: MlflowEmulatorFault): Reply {
  const status = fault.kind === 'rate-limit' ? 429 : (fault.status ?? 503);
  const retryAfter = fault.retryAfter ?? (fault.kind === 'rate-limit' ? 1 : undefined);
  const codes: Record<number, string> = {
    429: 'REQUEST_LIMIT_EXCEEDED',
    500: 'INTERNAL_ERROR',
    501: 'NOT_IMPLEMENTED',
    503: 'TEMPORARILY_UNAVAILABLE',
  };
  const code = codes[status];
  if (code !== undefined) {
    const message =
      status === 429 ? 'Too many requests. Please retry later.' : `Injected fault: HTTP ${status} (${code})`;
    return jsonReply(status, { error_code: code, message }, retryAfterHeader(retryAfter));
  }
  const title = status === 502 ? 'Bad Gateway' : status === 504 ? 'Gateway Time-out' : 'Error';
  return textReply(
    status,
    `<html><head><title>${status} ${title}</title></head><body><center><h1>${status} ${title}</h1></center></body></html>\n`,
    'text/html',
    retryAfterHeader(retryAfter),
  );
}
