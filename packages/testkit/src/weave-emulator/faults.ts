/**
 * What can go wrong on the way to the trace server. Each rule applies to the next `times` requests to `route`
 * (every route when absent), then is used up.
 */
export type WeaveFault =
  /** Answer with this status (429, 500, 502, 503, 401, 403...), with `Retry-After` when given. */
  | { kind: 'status'; status: number; retryAfter?: number | string; body?: unknown }
  /** Wait before answering; for streams, also between lines. */
  | { kind: 'slow'; delayMs: number; lineDelayMs?: number }
  /** End the response cleanly in the middle of a line (JSONL) or of the document (JSON), after `afterLines` whole lines. */
  | { kind: 'truncate'; afterLines?: number }
  /** Reset the connection in the middle of the body, after `afterLines` whole lines. */
  | { kind: 'reset'; afterLines?: number };

export interface WeaveFaultRule {
  /** `/calls/stream_query`, `/call/upsert_batch`, ...; every route when absent. */
  route?: string;
  /** How many matching requests the fault hits. Default: every one. */
  times?: number;
  fault: WeaveFault;
}

export class FaultPlan {
  private readonly rules: Array<WeaveFaultRule & { remaining: number }> = [];

  constructor(rules: readonly WeaveFaultRule[] = []) {
    for (const rule of rules) this.add(rule);
  }

  add(rule: WeaveFaultRule): void {
    this.rules.push({ ...rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The fault for this request, if a rule matches; uses one of its `times`. */
  take(route: string): WeaveFault | undefined {
    const index = this.rules.findIndex(
      (rule) => rule.remaining > 0 && (rule.route === undefined || rule.route === route),
    );
    if (index === -1) return undefined;
    const rule = this.rules[index]!;
    rule.remaining--;
    if (rule.remaining <= 0) this.rules.splice(index, 1);
    return rule.fault;
  }
}
