import type { EvalSourceV1, SourceContext } from '@slokit/core';
import { runToEvalSummary } from '../mapping/run-to-eval-summary.js';
import { runSelection } from '../settings/mlflow-source-config.js';
import { countEvalRows } from './count-eval-rows.js';
import {
  createMlflowAdapterContext,
  type MlflowAdapterOptions,
  requireExperiment,
} from './mlflow-adapter-context.js';
import { readEvalRunRecords } from './read-eval-run-records.js';
import { readTraceRecords } from './read-trace-records.js';
import { findSummaryRun } from './select-eval-runs.js';

/**
 * The `type: mlflow` source. With `traces:` it reads the experiment's finished traces as records (incrementally by
 * `timestamp_ms`); otherwise, or with `runs:` too, its eval runs: `readEvalSummary()` gives the selected run's
 * metrics under their MLflow keys, and records are the runs' per-row traces (`trace.run_id`, i.e. mlflow.sourceRun
 * or a link) or, for legacy `mlflow.evaluate` runs, the rows of their `eval_results_table.json`.
 */
export function createMlflowSource(
  name: string,
  config: unknown,
  context: SourceContext,
  options: MlflowAdapterOptions = {},
): EvalSourceV1 {
  const adapter = createMlflowAdapterContext(name, config, context, options);
  const selection = runSelection(adapter.config);
  const source: EvalSourceV1 = {
    specificationVersion: 'v1',
    name,
    type: 'mlflow',
    readRecords: (readOptions = {}) =>
      adapter.config.traces
        ? readTraceRecords(adapter, readOptions)
        : readEvalRunRecords(adapter, readOptions),
  };
  if (selection !== undefined) {
    source.readEvalSummary = async (summaryOptions = {}) => {
      const experiment = await requireExperiment(adapter, summaryOptions.signal);
      const run = await findSummaryRun(
        adapter.client,
        experiment.experiment_id,
        selection,
        summaryOptions.signal,
      );
      if (!run) return undefined;
      const samples = await countEvalRows(adapter, run, summaryOptions.signal);
      return runToEvalSummary(run, samples, adapter.links);
    };
  }
  return source;
}
