import { type EvalRecord, safeSet } from '@slokit/core';
import { feedbackScore } from './assessment-scores.js';

export interface EvalTableContext {
  source: string;
  runId: string;
  runName: string | undefined;
  /** The run's end (else start) time, epoch ms: table rows carry no time of their own. */
  time: number | undefined;
  url: string | undefined;
}

export type EvalTableRows =
  | { ok: true; columns: string[]; rows: unknown[][] }
  | { ok: false; problem: string };

/** Parses `eval_results_table.json`, which `log_table` writes in pandas `orient="split"`: `{"columns", "data"}`. */
export function parseEvalTable(text: string): EvalTableRows {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `is not valid JSON (${(error as Error).message})` };
  }
  const table = json as { columns?: unknown; data?: unknown };
  if (
    table === null ||
    typeof table !== 'object' ||
    !Array.isArray(table.columns) ||
    !Array.isArray(table.data) ||
    !table.columns.every((column) => typeof column === 'string')
  ) {
    return { ok: false, problem: 'is not a split-oriented table ({"columns": [...], "data": [[...]]})' };
  }
  return { ok: true, columns: table.columns as string[], rows: table.data as unknown[][] };
}

/**
 * One row of a legacy `mlflow.evaluate` results table as a record: every `<metric>/score` column becomes
 * `scores.<metric>` (`scores["toxicity/v1"]`; booleans and "yes"/"no" as booleans), `latency` (seconds) becomes
 * `latency_ms`, `token_count` becomes `tokens.total`. Inputs, outputs and justifications stay out. The row has
 * the run's time and links to the run.
 */
export function evalTableRowToRecord(
  columns: readonly string[],
  row: readonly unknown[],
  index: number,
  context: EvalTableContext,
): EvalRecord {
  const scores: Record<string, number | boolean> = {};
  let latencyMs: number | undefined;
  let tokens: number | undefined;
  columns.forEach((column, position) => {
    const value = row[position];
    if (column.endsWith('/score')) {
      const score = feedbackScore(value);
      if (score !== undefined) safeSet(scores, column.slice(0, -'/score'.length), score);
    } else if (column === 'latency' && typeof value === 'number' && value >= 0) {
      latencyMs = Math.round(value * 1e6) / 1e3;
    } else if (column === 'token_count' && typeof value === 'number' && value >= 0) {
      tokens = value;
    }
  });
  const metadata: Record<string, unknown> = { run_id: context.runId, row: index };
  if (context.runName !== undefined) metadata.run_name = context.runName;
  return {
    id: `${context.runId}/${index}`,
    timestamp: context.time === undefined ? undefined : new Date(context.time).toISOString(),
    latency_ms: latencyMs,
    status: 'success',
    error: undefined,
    cost_usd: undefined,
    tokens: tokens === undefined ? undefined : { total: tokens },
    scores: Object.keys(scores).length > 0 ? scores : undefined,
    tags: undefined,
    metadata,
    source: context.source,
    url: context.url,
  };
}
