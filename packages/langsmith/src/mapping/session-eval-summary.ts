import type { EvalSummary } from '@slokit/core';
import { parseCost } from './parse-cost.js';
import { parseLangSmithTime } from './parse-langsmith-time.js';

/**
 * An experiment's session stats as an eval summary: `feedback.<key>.avg` for every feedback key, and
 * `latency_p50`, `latency_p99` (seconds, as LangSmith reports them), `total_cost`, `error_rate` and `run_count`.
 * A stat LangSmith returned as null (no runs finished) is null; one it did not return is absent.
 */
export function sessionEvalSummary(session: Record<string, unknown>, url?: string): EvalSummary {
  const metrics: Record<string, number | null> = {};
  const feedback = session.feedback_stats;
  if (feedback !== null && typeof feedback === 'object') {
    for (const [key, stat] of Object.entries(feedback)) {
      const average = stat !== null && typeof stat === 'object' ? (stat as { avg?: unknown }).avg : undefined;
      metrics[`feedback.${key}.avg`] = finite(average) ?? null;
    }
  }
  for (const name of ['latency_p50', 'latency_p99', 'error_rate', 'run_count'] as const) {
    if (name in session) metrics[name] = finite(session[name]) ?? null;
  }
  if ('total_cost' in session) metrics.total_cost = parseCost(session.total_cost) ?? null;
  const summary: EvalSummary = { metrics };
  const runs = session.run_count;
  if (typeof runs === 'number' && Number.isInteger(runs) && runs >= 0) summary.samples = runs;
  if (typeof session.name === 'string') summary.name = session.name;
  const start = parseLangSmithTime(session.start_time);
  if (start !== undefined) summary.timestamp = new Date(Math.floor(start)).toISOString();
  if (url !== undefined) summary.url = url;
  return summary;
}

function finite(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}
