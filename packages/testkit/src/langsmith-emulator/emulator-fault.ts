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

/** A fault with its counters. */
export class ActiveFault {
  private seen = 0;
  private hits = 0;
  constructor(readonly fault: LangSmithFault) {}

  /** Whether this request is hit; counts it either way. */
  take(method: string, path: string): boolean {
    const { fault } = this;
    if (fault.method !== undefined && fault.method.toUpperCase() !== method) return false;
    if (fault.path !== undefined) {
      const matches = typeof fault.path === 'string' ? path.startsWith(fault.path) : fault.path.test(path);
      if (!matches) return false;
    }
    this.seen++;
    if (this.seen <= (fault.skip ?? 0)) return false;
    if (this.hits >= (fault.times ?? 1)) return false;
    this.hits++;
    return true;
  }

  get exhausted(): boolean {
    return this.hits >= (this.fault.times ?? 1);
  }
}
