/** Builds links into the MLflow UI: the OSS single-page app (`/#/experiments/...`) or a Databricks workspace (`/ml/...`). */
export interface MlflowLinks {
  trace(experimentId: string, traceId: string): string;
  run(experimentId: string, runId: string): string;
  experiment(experimentId: string): string;
}

export function mlflowLinks(uiUrl: string, isDatabricks: boolean): MlflowLinks {
  const base = `${uiUrl.replace(/\/+$/, '')}${isDatabricks ? '/ml' : '/#'}`;
  return {
    trace: (experimentId, traceId) =>
      `${base}/experiments/${encodeURIComponent(experimentId)}/traces?selectedEvaluationId=${encodeURIComponent(traceId)}`,
    run: (experimentId, runId) =>
      `${base}/experiments/${encodeURIComponent(experimentId)}/runs/${encodeURIComponent(runId)}`,
    experiment: (experimentId) => `${base}/experiments/${encodeURIComponent(experimentId)}`,
  };
}
