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

interface ActiveFault {
  fault: MlflowEmulatorFault;
  seen: number;
  fired: number;
}

/** Decides, request by request, which configured fault (if any) applies: the first that matches and has hits left. */
export class FaultInjector {
  private readonly active: ActiveFault[] = [];

  constructor(faults: readonly MlflowEmulatorFault[] = []) {
    for (const fault of faults) this.add(fault);
  }

  add(fault: MlflowEmulatorFault): void {
    this.active.push({ fault, seen: 0, fired: 0 });
  }

  clear(): void {
    this.active.length = 0;
  }

  next(method: string, path: string): MlflowEmulatorFault | undefined {
    for (const entry of this.active) {
      const { fault } = entry;
      if (fault.method !== undefined && fault.method.toUpperCase() !== method) continue;
      if (fault.path !== undefined) {
        const matches = typeof fault.path === 'string' ? path.includes(fault.path) : fault.path.test(path);
        if (!matches) continue;
      }
      entry.seen++;
      if (entry.seen <= (fault.skip ?? 0)) continue;
      if (entry.fired >= (fault.times ?? 1)) continue;
      entry.fired++;
      return fault;
    }
    return undefined;
  }
}

/** The status, headers and body a `rate-limit` or `status` fault answers with. */
export function faultResponse(fault: MlflowEmulatorFault): {
  status: number;
  headers: Record<string, string>;
  body: string;
} {
  const status = fault.kind === 'rate-limit' ? 429 : (fault.status ?? 503);
  const retryAfter = fault.retryAfter ?? (fault.kind === 'rate-limit' ? 1 : undefined);
  const codes: Record<number, string> = {
    429: 'REQUEST_LIMIT_EXCEEDED',
    500: 'INTERNAL_ERROR',
    501: 'NOT_IMPLEMENTED',
    503: 'TEMPORARILY_UNAVAILABLE',
  };
  const code = codes[status];
  const headers: Record<string, string> = {};
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  if (code !== undefined) {
    const message =
      status === 429 ? 'Too many requests. Please retry later.' : `Injected fault: HTTP ${status} (${code})`;
    headers['content-type'] = 'application/json';
    return { status, headers, body: JSON.stringify({ error_code: code, message }) };
  }
  const title = status === 502 ? 'Bad Gateway' : status === 504 ? 'Gateway Time-out' : 'Error';
  headers['content-type'] = 'text/html';
  return {
    status,
    headers,
    body: `<html><head><title>${status} ${title}</title></head><body><center><h1>${status} ${title}</h1></center></body></html>\n`,
  };
}
