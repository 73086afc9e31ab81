import { jsonReply, type Reply } from '../test-server/reply.js';

/**
 * A failure the emulator injects into matching requests:
 * - `rate-limit`: 429 with a `Retry-After` header (seconds, default `1`);
 * - `status`: an error status (default 503) with a JSON body;
 * - `slow`: the normal answer after `delayMs`;
 * - `truncate`: a 200 whose JSON body is cut in half (a complete response, invalid JSON);
 * - `reset`: headers and half the body, then the connection is destroyed.
 */
export interface LangSmithFault {
  kind: 'rate-limit' | 'status' | 'slow' | 'truncate' | 'reset';
  /** Requests whose path starts with this (or matches the RegExp); every request when absent. */
  path?: string | RegExp;
  method?: string;
  /** For `status`; default 503. */
  status?: number;
  /** For `rate-limit`: the Retry-After header; default `1`. */
  retryAfter?: string;
  /** For `slow`; default 2000. */
  delayMs?: number;
  /** How many matching requests it hits; default 1 (`Infinity` for all). */
  times?: number;
  /** Matching requests let through before it starts; default 0. */
  skip?: number;
}

/** The answer of a `rate-limit` or `status` fault, given instead of processing the request. */
export function faultReply(fault: LangSmithFault): Reply {
  if (fault.kind === 'rate-limit')
    return jsonReply(429, { detail: 'Too many requests' }, { 'retry-after': fault.retryAfter ?? '1' });
  const status = fault.status ?? 503;
  return jsonReply(status, { detail: `injected ${status}` });
}
