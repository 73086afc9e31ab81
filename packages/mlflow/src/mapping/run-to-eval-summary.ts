import type { EvalSummary } from '@slokit/core';
import type { Run } from '../client/mlflow-schemas.js';
import type { MlflowLinks } from './mlflow-links.js';

/**
 * An eval run as slokit's eval summary: every run metric under its MLflow key (`correctness/mean`,
 * `toxicity/v1/mean`, `latency/p90`), at its latest value (`data.metrics` holds the latest per key); "NaN" means
 * the eval recorded no value (null). Named after the run; timed at its end (else its start).
 */
export function runToEvalSummary(run: Run, samples: number | undefined, links: MlflowLinks): EvalSummary {
  const metrics: Record<string, number | null> = {};
  for (const metric of run.data?.metrics ?? []) {
    metrics[metric.key] = Number.isNaN(metric.value) ? null : metric.value;
  }
  const { info } = run;
  const runId = info.run_id ?? info.run_uuid;
  const time = info.end_time || info.start_time;
  const summary: EvalSummary = { metrics };
  if (samples !== undefined) summary.samples = samples;
  const name = info.run_name ?? run.data?.tags?.find((tag) => tag.key === 'mlflow.runName')?.value ?? runId;
  if (name !== undefined) summary.name = name;
  if (time !== undefined && time > 0) summary.timestamp = new Date(time).toISOString();
  if (runId !== undefined && info.experiment_id !== undefined)
    summary.url = links.run(info.experiment_id, runId);
  return summary;
}
