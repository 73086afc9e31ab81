import { jsonReply, type Reply, retryAfterHeader } from '../test-server/reply.js';

/**
 * A failure the emulator injects into matching requests, after auth, like an overloaded server or a proxy would
 * (the same kinds as the LangSmith and MLflow emulators'):
 * - `rate-limit`: 429 with a `Retry-After` header (seconds, default `1`);
 * - `status`: an error status (default 503) with a JSON body (`body`, default `{"reason": ...}`), and `Retry-After`
 *   when `retryAfter` is given;
 * - `slow`: the normal answer after `delayMs` (default 2000), and for a JSONL stream `lineDelayMs` between lines;
 * - `truncate`: a 200 cut in the middle, then ended cleanly: a JSON body cut in half, or a JSONL stream cut in the
 *   middle of the line after `afterLines` whole lines (default 0);
 * - `reset`: the same cut, then the connection is destroyed.
 */
export interface WeaveEmulatorFault {
  kind: 'rate-limit' | 'status' | 'slow' | 'truncate' | 'reset';
  /** Requests whose path starts with this (or matches the RegExp): `/calls/stream_query`. Every request when absent. */
  path?: string | RegExp;
  /** GET or POST; any when absent. */
  method?: string;
  /** For `status`; default 503. */
  status?: number;
  /** Retry-After in seconds (or an HTTP date): default `1` for `rate-limit`, none for `status`. */
  retryAfter?: string | number;
  /** For `status`: the JSON body. */
  body?: unknown;
  /** For `slow`; default 2000. */
  delayMs?: number;
  /** For `slow` on a stream: the wait between lines; default 0. */
  lineDelayMs?: number;
  /** For `truncate` and `reset` on a stream: whole lines sent before the cut; default 0. */
  afterLines?: number;
  /** How many matching requests it hits; default 1 (`Infinity` for all). */
  times?: number;
  /** Matching requests let through before it starts; default 0. */
  skip?: number;
}

/** The answer of a `rate-limit` or `status` fault, given instead of processing the request. */
export function faultReply(fault: WeaveEmulatorFault): Reply {
  const status = fault.kind === 'rate-limit' ? 429 : (fault.status ?? 503);
  const retryAfter = fault.retryAfter ?? (fault.kind === 'rate-limit' ? 1 : undefined);
  const body =
    fault.body ??
    (status === 429 ? { reason: 'Too many requests, slow down' } : { reason: `injected ${status}` });
  return jsonReply(status, body, retryAfterHeader(retryAfter));
}

/** A processed reply as a `slow`, `truncate` or `reset` fault breaks it on the wire. */
export function damagedReply(reply: Reply, fault: WeaveEmulatorFault | undefined): Reply {
  if (fault?.kind === 'truncate' || fault?.kind === 'reset')
    return { ...reply, damage: { cut: fault.kind, afterLines: fault.afterLines ?? 0 } };
  if (fault?.kind === 'slow') return { ...reply, damage: { lineDelayMs: fault.lineDelayMs ?? 0 } };
  return reply;
}
