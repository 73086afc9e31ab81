import { parseDuration } from '@slokit/core';
import { z } from 'zod';

const duration = z
  .string()
  .refine((text) => /^0+(\.0+)?[smhdw]$/.test(text.trim()) || parseDuration(text) !== undefined, {
    message: 'expected a duration such as 30s, 5m or 1h',
  });

const price = z.strictObject({
  input: z.number().nonnegative({ message: 'expected USD per million input tokens' }),
  output: z.number().nonnegative({ message: 'expected USD per million output tokens' }),
});

/** A `type: mlflow` source in slokit.yaml. Strict: a misspelt key is an error naming it. */
export const mlflowSourceConfigSchema = z.strictObject({
  type: z.literal('mlflow'),
  /** The experiment to read: its name (`/Users/me/evals` on Databricks) or its id. */
  experiment: z.string().trim().min(1, 'expected an experiment name or id'),
  /**
   * Eval runs: `latest` (the newest FINISHED run tagged mlflow.run.isEval=true, else the newest FINISHED run), `all`
   * (every FINISHED run), or a runs/search filter such as `tags.release = 'v42'`. Default `latest` unless `traces`.
   */
  runs: z.string().trim().min(1, "expected latest, all or a filter such as tags.release = 'v42'").optional(),
  /** Read the experiment's traces (production traffic with assessments) as records; optionally a trace filter. */
  traces: z.union([z.boolean(), z.strictObject({ filter: z.string().trim().min(1).optional() })]).optional(),
  /** Overrides MLFLOW_TRACKING_URI. */
  trackingUri: z.string().trim().min(1).optional(),
  /** Base URL of record and run links, when the UI is served elsewhere than the API. */
  uiUrl: z.url({ message: 'expected a URL' }).optional(),
  /** Traces per request (at most 500, the server's limit). Default 500. */
  pageSize: z.number().int().min(1).max(500, 'MLflow returns at most 500 traces per request').optional(),
  /** How far back a resumed read looks again for late traces. Default 5m. */
  overlap: duration.optional(),
  /** Per-request timeout in ms. Default MLFLOW_HTTP_REQUEST_TIMEOUT or 120 s. */
  timeoutMs: z.number().int().positive().optional(),
  cost: z
    .strictObject({
      /** The trace tag or metadata key holding the model name. Default: model, gen_ai.request.model, llm.model. */
      modelKey: z.string().trim().min(1).optional(),
      /** USD per million tokens by model; extends and overrides the built-in list prices. */
      prices: z.record(z.string(), price).optional(),
    })
    .optional(),
  /** Where `slokit check --publish` writes results. */
  publish: z
    .strictObject({
      /** Default `slokit-slo-checks`; created when absent. */
      experiment: z.string().trim().min(1).optional(),
      /** Also tag the evaluated eval run with `slo.status` (eval-run sources). */
      tagEvalRun: z.boolean().optional(),
      /** Upload the JSON report as `slokit-report.json` when the server proxies artifacts. Default true. */
      artifact: z.boolean().optional(),
    })
    .optional(),
});

export type MlflowSourceConfig = z.infer<typeof mlflowSourceConfigSchema>;

export type RunSelection = { kind: 'latest' } | { kind: 'all' } | { kind: 'filter'; filter: string };

/** What `runs:` asks for; undefined when the source reads traces and no runs. */
export function runSelection(config: MlflowSourceConfig): RunSelection | undefined {
  const runs = config.runs ?? (config.traces ? undefined : 'latest');
  if (runs === undefined) return undefined;
  if (runs === 'latest') return { kind: 'latest' };
  if (runs === 'all') return { kind: 'all' };
  return { kind: 'filter', filter: runs };
}

/** The overlap window in ms. */
export function overlapMs(config: MlflowSourceConfig): number {
  return config.overlap === undefined ? 5 * 60_000 : (parseDuration(config.overlap) ?? 0);
}
