import { ApiCallError, retryApiCall } from '@slokit/adapter-utils';
import type { PublisherV1, PublishOptions, PublishResult, SourceContext } from '@slokit/core';
import type { CallOptions } from '../client/mlflow-client.js';
import { proxiedArtifactPath } from '../client/mlflow-client.js';
import type { Run } from '../client/mlflow-schemas.js';
import { runSelection } from '../settings/mlflow-source-config.js';
import {
  createMlflowAdapterContext,
  type MlflowAdapterContext,
  type MlflowAdapterOptions,
  requireExperiment,
} from '../source/mlflow-adapter-context.js';
import { findSummaryRun } from '../source/select-eval-runs.js';
import { type SloRunPayload, sloRunPayload, worstStatus } from './slo-run-payload.js';

export const defaultPublishExperiment = 'slokit-slo-checks';
export const reportArtifactName = 'slokit-report.json';

/**
 * Publishes each check as one MLflow run in the experiment `publish.experiment` (default `slokit-slo-checks`,
 * `/Shared/slokit-slo-checks` on Databricks; created when absent), named after the check time: metrics
 * `slo.<name>.value`, `slo.<name>.budget_remaining` and `slo.compliance` at the evaluation time, tags
 * `slo.<name>.status`, params with the SLO definitions, and the report as `slokit-report.json` where the server
 * proxies artifacts. The run is found again by a tag derived from the check id, so publishing the same check twice
 * writes only what is missing. With `publish.tagEvalRun`, the evaluated eval run gets an `slo.status` tag too.
 */
export function createMlflowPublisher(
  name: string,
  config: unknown,
  context: SourceContext,
  options: MlflowAdapterOptions = {},
): PublisherV1 {
  const adapter = createMlflowAdapterContext(name, config, context, options);
  const experimentName =
    adapter.config.publish?.experiment ??
    (adapter.connection.isDatabricks ? `/Shared/${defaultPublishExperiment}` : defaultPublishExperiment);
  return {
    specificationVersion: 'v1',
    name,
    type: 'mlflow',
    async publish(publishOptions: PublishOptions): Promise<PublishResult> {
      const payload = sloRunPayload({
        report: publishOptions.report,
        slos: publishOptions.slos,
        checkId: publishOptions.checkId,
        source: name,
      });
      const call: CallOptions = publishOptions.signal ? { signal: publishOptions.signal } : {};
      // Every step below only writes what the run lacks, so after an ambiguous failure (a create or a metric append
      // that may or may not have landed) the whole publication is simply reconciled again.
      const run = await retryApiCall(() => reconcile(adapter, experimentName, payload, call), {
        retry: { maxAttempts: 3, initialDelayMs: 1000, ...options.retry },
        signal: publishOptions.signal,
      });
      const runId = run.info.run_id ?? run.info.run_uuid ?? '';
      const experimentId = run.info.experiment_id ?? '';
      if (adapter.config.publish?.tagEvalRun) await tagEvalRun(adapter, payload, runId, call);
      return {
        target: `MLflow experiment '${experimentName}' (run ${runId})`,
        published: publishOptions.slos.length,
        urls: [adapter.links.run(experimentId, runId)],
      };
    },
  };
}

async function reconcile(
  adapter: MlflowAdapterContext,
  experimentName: string,
  payload: SloRunPayload,
  call: CallOptions,
): Promise<Run> {
  const { client } = adapter;
  const experimentId = await ensureExperiment(adapter, experimentName, call);
  const found = await client.searchRuns(
    {
      experimentIds: [experimentId],
      filter: `tags.\`slokit.check_key\` = '${payload.checkKey}'`,
      orderBy: ['attributes.start_time ASC'],
      maxResults: 1,
    },
    call,
  );
  let run = found.items[0];
  if (!run) {
    run = await client.createRun(
      {
        experimentId,
        runName: payload.runName,
        startTime: Date.now(),
        tags: [
          { key: 'slokit.check_key', value: payload.checkKey },
          { key: 'mlflow.source.name', value: 'slokit' },
          { key: 'mlflow.source.type', value: 'LOCAL' },
        ],
      },
      call,
    );
  } else {
    run = await client.getRun(run.info.run_id ?? run.info.run_uuid ?? '', call);
  }
  const runId = run.info.run_id ?? run.info.run_uuid ?? '';
  const loggedMetrics = new Map((run.data?.metrics ?? []).map((metric) => [metric.key, metric]));
  const loggedParams = new Map((run.data?.params ?? []).map((param) => [param.key, param.value]));
  const loggedTags = new Map((run.data?.tags ?? []).map((tag) => [tag.key, tag.value]));
  await client.logBatch(
    runId,
    {
      // Params are immutable: a param already logged (with any value) is left alone.
      params: payload.params.filter((param) => !loggedParams.has(param.key)),
      tags: payload.tags.filter((tag) => loggedTags.get(tag.key) !== tag.value),
      metrics: payload.metrics.filter((metric) => {
        const logged = loggedMetrics.get(metric.key);
        return !(logged && logged.timestamp === metric.timestamp && logged.value === metric.value);
      }),
    },
    call,
  );
  const artifactPath = run.info.artifact_uri ? proxiedArtifactPath(run.info.artifact_uri) : undefined;
  if (artifactPath !== undefined && adapter.config.publish?.artifact !== false) {
    await client.uploadArtifact(
      run.info.artifact_uri!,
      reportArtifactName,
      `${JSON.stringify(payload.report, null, 2)}\n`,
      call,
    );
  }
  if (run.info.status !== 'FINISHED') {
    await client.updateRun({ runId, status: 'FINISHED', endTime: Date.now() }, call);
  }
  return run;
}

async function ensureExperiment(
  adapter: MlflowAdapterContext,
  name: string,
  call: CallOptions,
): Promise<string> {
  const existing = await adapter.client.getExperimentByName(name, call);
  if (existing) return existing.experiment_id;
  try {
    return await adapter.client.createExperiment(
      { name, tags: [{ key: 'slokit', value: 'slo-checks' }] },
      call,
    );
  } catch (error) {
    // Another publisher created it in between.
    if (
      ApiCallError.isInstance(error) &&
      error.statusCode === 400 &&
      /RESOURCE_ALREADY_EXISTS/.test(error.message)
    ) {
      const created = await adapter.client.getExperimentByName(name, call);
      if (created) return created.experiment_id;
    }
    throw error;
  }
}

/** Tags the eval run the source evaluated (the summary run) with the worst status of this check. */
async function tagEvalRun(
  adapter: MlflowAdapterContext,
  payload: SloRunPayload,
  checkRunId: string,
  call: CallOptions,
): Promise<void> {
  const selection = runSelection(adapter.config);
  if (selection === undefined) return;
  const experiment = await requireExperiment(adapter, call.signal);
  const evalRun = await findSummaryRun(adapter.client, experiment.experiment_id, selection, call.signal);
  const evalRunId = evalRun?.info.run_id ?? evalRun?.info.run_uuid;
  if (evalRunId === undefined) return;
  await adapter.client.setTag(
    evalRunId,
    'slo.status',
    worstStatus(payload.report.slos.map((slo) => slo.status)),
    call,
  );
  await adapter.client.setTag(evalRunId, 'slo.check_run', checkRunId, call);
}
