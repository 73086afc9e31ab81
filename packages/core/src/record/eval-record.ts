/** Token usage of one LLM call or trace. */
export interface TokenUsage {
  prompt?: number;
  completion?: number;
  total?: number;
}

/**
 * The normalized record every source produces: one production trace or one evaluated example.
 * Unknown fields a source reads are kept under `metadata`.
 */
export interface EvalRecord {
  id?: string;
  /** ISO 8601. Absent for offline eval rows that carry no time; such records only count for SLOs without a window. */
  timestamp?: string;
  latency_ms?: number;
  status?: 'success' | 'error';
  error?: string;
  cost_usd?: number;
  tokens?: TokenUsage;
  /** Evaluator scores; booleans count as 1/0 in means and compare as booleans in predicates. */
  scores?: Record<string, number | boolean>;
  tags?: string[];
  metadata?: Record<string, unknown>;
  /** Name of the configured source the record came from. */
  source?: string;
  /** A link back to the trace in the tracker's UI. */
  url?: string;
}

/** A record as it flows through evaluation: the record plus its parsed time (epoch ms, NaN when absent). */
export interface TimedRecord {
  record: EvalRecord;
  time: number;
}
