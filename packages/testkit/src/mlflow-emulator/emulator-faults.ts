/** Which requests a fault applies to, and how often. */
export interface FaultMatch {
  /** A substring of the request path, or a pattern it must match. Default: every API request. */
  path?: string | RegExp;
  /** GET, POST, ... Default: any. */
  method?: string;
  /** How many matching requests get the fault. Default 1; `Infinity` for all of them. */
  times?: number;
  /** Let this many matching requests through untouched first. Default 0. */
  after?: number;
}

/**
 * Faults the emulator injects, in the order given (the first that applies wins), before auth and routing, like a
 * proxy or an overloaded server would:
 * - `status`: answer with this status: 429 with `Retry-After` (REQUEST_LIMIT_EXCEEDED), 500 INTERNAL_ERROR,
 *   503 TEMPORARILY_UNAVAILABLE, or a proxy's 502/504 HTML page.
 * - `delay`: answer normally after `delayMs` (a slow server; clients should time out).
 * - `truncate`: a 200 whose JSON body is cut in half (complete HTTP message, broken JSON).
 * - `reset`: headers and half the body, then the connection is destroyed mid-page.
 */
export type MlflowEmulatorFault = FaultMatch &
  (
    | { kind: 'status'; status: number; retryAfterSeconds?: number }
    | { kind: 'delay'; delayMs: number }
    | { kind: 'truncate' }
    | { kind: 'reset' }
  );

interface ActiveFault {
  fault: MlflowEmulatorFault;
  seen: number;
  fired: number;
}

/** Decides, request by request, which configured fault (if any) applies. */
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

  /** How many times each fault has fired, in the order they were added. */
  firedCounts(): number[] {
    return this.active.map((entry) => entry.fired);
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
      if (entry.seen <= (fault.after ?? 0)) continue;
      if (entry.fired >= (fault.times ?? 1)) continue;
      entry.fired++;
      return fault;
    }
    return undefined;
  }
}

export function faultErrorBody(status: number): { contentType: string; body: string } {
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
    return { contentType: 'application/json', body: JSON.stringify({ error_code: code, message }) };
  }
  const title = status === 502 ? 'Bad Gateway' : status === 504 ? 'Gateway Time-out' : 'Error';
  return {
    contentType: 'text/html',
    body: `<html><head><title>${status} ${title}</title></head><body><center><h1>${status} ${title}</h1></center></body></html>\n`,
  };
}
