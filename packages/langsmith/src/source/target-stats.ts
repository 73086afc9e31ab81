import { safeSet } from '@slokit/core';
import { parseCost } from '../mapping/parse-cost.js';

/** What `POST /runs/stats` says about one project or experiment. */
export interface TargetStats {
  target: string;
  runCount: number | null;
  errorRate: number | null;
  /** Seconds, as LangSmith reports them. */
  latencyP50: number | null;
  latencyP99: number | null;
  totalCost: number | null;
  /** Feedback keys with their number of scores and average. */
  feedback: Record<string, { n: number | null; avg: number | null }>;
}

/** The fields of a `/runs/stats` answer slokit shows; the API types the whole object loosely. */
export function targetStats(target: string, stats: Record<string, unknown>): TargetStats {
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  const feedback: TargetStats['feedback'] = {};
  const byKey = stats.feedback_stats;
  if (byKey !== null && typeof byKey === 'object') {
    for (const [key, stat] of Object.entries(byKey)) {
      const entry = (stat ?? {}) as { n?: unknown; avg?: unknown };
      safeSet(feedback, key, { n: number(entry.n), avg: number(entry.avg) });
    }
  }
  return {
    target,
    runCount: number(stats.run_count),
    errorRate: number(stats.error_rate),
    latencyP50: number(stats.latency_p50),
    latencyP99: number(stats.latency_p99),
    totalCost: parseCost(stats.total_cost) ?? null,
    feedback,
  };
}
