/** One feedback as the stats see it. */
export interface StatFeedback {
  key: string;
  score: number | boolean | null;
  value: unknown;
  comment?: string | null;
}

/** What the stats need of a run. */
export interface StatRun {
  start_time: number;
  /** Seconds; null while pending. */
  latency: number | null;
  status: 'success' | 'error' | 'pending';
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_cost: number;
  completion_cost: number;
  total_cost: number;
  feedback: readonly StatFeedback[];
}

/** A feedback key's statistics, shaped like LangSmith's `feedback_stats` entries. */
export interface FeedbackStat {
  n: number;
  avg: number | null;
  stdev: number | null;
  min: number | null;
  max: number | null;
  median: number | null;
  errors: number;
  values: Record<string, number>;
  type: 'continuous' | 'categorical';
  contains_thread_feedback: boolean;
}

/** The aggregate statistics LangSmith returns from `POST /runs/stats` and with `include_stats=true` on sessions. */
export interface RunStats {
  run_count: number;
  latency_p50: number | null;
  latency_p99: number | null;
  first_token_p50: null;
  first_token_p99: null;
  total_tokens: number;
  prompt_tokens: number;
  completion_tokens: number;
  median_tokens: number | null;
  total_cost: number;
  prompt_cost: number;
  completion_cost: number;
  cost_p50: number | null;
  cost_p99: number | null;
  error_rate: number | null;
  streaming_rate: number;
  last_run_start_time: string | null;
  feedback_stats: Record<string, FeedbackStat>;
  run_facets: never[];
}

/** Linear interpolation between closest ranks, on sorted values. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower]!;
  return low + (sorted[upper]! - low) * (position - lower);
}

/** Aggregates feedback by key: numeric scores (booleans as 1/0) give n/avg/stdev, string values are counted. */
export function feedbackStats(feedback: Iterable<StatFeedback>): Record<string, FeedbackStat> {
  const byKey = new Map<string, { scores: number[]; values: Record<string, number>; n: number }>();
  for (const entry of feedback) {
    let group = byKey.get(entry.key);
    if (!group) {
      group = { scores: [], values: {}, n: 0 };
      byKey.set(entry.key, group);
    }
    group.n++;
    if (typeof entry.score === 'number' || typeof entry.score === 'boolean')
      group.scores.push(Number(entry.score));
    if (typeof entry.value === 'string') group.values[entry.value] = (group.values[entry.value] ?? 0) + 1;
  }
  const result: Record<string, FeedbackStat> = {};
  for (const [key, group] of byKey) {
    const scores = [...group.scores].sort((a, b) => a - b);
    const n = scores.length;
    const avg = n === 0 ? null : scores.reduce((sum, score) => sum + score, 0) / n;
    const stdev =
      avg === null ? null : Math.sqrt(scores.reduce((sum, score) => sum + (score - avg) ** 2, 0) / n);
    result[key] = {
      n: group.n,
      avg,
      stdev,
      min: n === 0 ? null : scores[0]!,
      max: n === 0 ? null : scores[n - 1]!,
      median: quantile(scores, 0.5),
      errors: 0,
      values: group.values,
      type: n === 0 ? 'categorical' : 'continuous',
      contains_thread_feedback: false,
    };
  }
  return result;
}

/** Stats over runs (root runs for session stats): latencies in seconds, costs as numbers. */
export function computeRunStats(runs: Iterable<StatRun>): RunStats {
  const latencies: number[] = [];
  const tokens: number[] = [];
  const costs: number[] = [];
  const feedback: StatFeedback[] = [];
  let count = 0;
  let errors = 0;
  let last = Number.NEGATIVE_INFINITY;
  const totals = {
    total_tokens: 0,
    prompt_tokens: 0,
    completion_tokens: 0,
    total_cost: 0,
    prompt_cost: 0,
    completion_cost: 0,
  };
  for (const run of runs) {
    count++;
    if (run.status === 'error') errors++;
    if (run.latency !== null) latencies.push(run.latency);
    last = Math.max(last, run.start_time);
    tokens.push(run.total_tokens);
    costs.push(run.total_cost);
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += run[key];
    feedback.push(...run.feedback);
  }
  const ascending = (a: number, b: number) => a - b;
  latencies.sort(ascending);
  tokens.sort(ascending);
  costs.sort(ascending);
  return {
    run_count: count,
    latency_p50: quantile(latencies, 0.5),
    latency_p99: quantile(latencies, 0.99),
    first_token_p50: null,
    first_token_p99: null,
    ...totals,
    total_cost: round(totals.total_cost),
    prompt_cost: round(totals.prompt_cost),
    completion_cost: round(totals.completion_cost),
    median_tokens: quantile(tokens, 0.5),
    cost_p50: quantile(costs, 0.5),
    cost_p99: quantile(costs, 0.99),
    error_rate: count === 0 ? null : errors / count,
    streaming_rate: 0,
    last_run_start_time: Number.isFinite(last) ? new Date(last).toISOString() : null,
    feedback_stats: feedbackStats(feedback),
    run_facets: [],
  };
}

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
