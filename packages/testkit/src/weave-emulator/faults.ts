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

interface ActiveFault {
  fault: WeaveEmulatorFault;
  seen: number;
  fired: number;
}

/** Decides, request by request, which fault (if any) applies: the first that matches and has hits left. */
export class FaultInjector {
  private readonly active: ActiveFault[] = [];

  constructor(faults: readonly WeaveEmulatorFault[] = []) {
    for (const fault of faults) this.add(fault);
  }

  add(fault: WeaveEmulatorFault): void {
    this.active.push({ fault, seen: 0, fired: 0 });
  }

  clear(): void {
    this.active.length = 0;
  }

  next(method: string, path: string): WeaveEmulatorFault | undefined {
    for (const entry of this.active) {
      const { fault } = entry;
      if (fault.method !== undefined && fault.method.toUpperCase() !== method) continue;
      if (fault.path !== undefined) {
        const matches = typeof fault.path === 'string' ? path.startsWith(fault.path) : fault.path.test(path);
        if (!matches) continue;
      }
      if (entry.fired >= (fault.times ?? 1)) continue;
      entry.seen++;
      if (entry.seen <= (fault.skip ?? 0)) continue;
      entry.fired++;
      return fault;
    }
    return undefined;
  }
}
