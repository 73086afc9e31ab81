import { isPlainObject, type Json } from './request-fields.js';
import type {
  MetricPoint,
  StoredAssessment,
  StoredExperiment,
  StoredRun,
  StoredTrace,
} from './stored-records.js';

export function experimentJson(experiment: StoredExperiment): Json {
  return omitEmpty({
    experiment_id: experiment.experimentId,
    name: experiment.name,
    artifact_location: experiment.artifactLocation,
    lifecycle_stage: experiment.lifecycleStage,
    last_update_time: experiment.lastUpdateTime,
    creation_time: experiment.creationTime,
    tags: [...experiment.tags].map(([key, value]) => ({ key, value })),
  });
}

/** Run info fields are always set by the server (`user_id: ""`, `start_time: 0` included); only end_time may be unset. */
export function runInfoJson(run: StoredRun): Json {
  const info: Json = {
    run_uuid: run.runId,
    experiment_id: run.experimentId,
    run_name: run.runName,
    user_id: run.userId,
    status: run.status,
    start_time: run.startTime,
  };
  if (run.endTime !== undefined) info.end_time = run.endTime;
  info.artifact_uri = run.artifactUri;
  info.lifecycle_stage = run.lifecycleStage;
  info.run_id = run.runId;
  return info;
}

/** A run as runs/get and runs/search return it; runs/create has no `outputs`. */
export function runJson(run: StoredRun, withOutputs: boolean): Json {
  const json: Json = {
    info: runInfoJson(run),
    data: omitEmpty({
      metrics: [...run.latest.values()].map((metric) => metricJson(metric)),
      params: [...run.params].map(([key, value]) => ({ key, value })),
      tags: [...run.tags].map(([key, value]) => ({ key, value })),
    }),
    inputs: {},
  };
  if (withOutputs) json.outputs = {};
  return json;
}

export function metricJson(metric: MetricPoint): Json {
  return {
    key: metric.key,
    value: Number.isNaN(metric.value) ? 'NaN' : metric.value,
    timestamp: metric.timestamp,
    step: metric.step,
  };
}

export function traceInfoJson(trace: StoredTrace, withAssessments: boolean): Json {
  return omitEmpty({
    trace_id: trace.traceId,
    client_request_id: trace.clientRequestId,
    trace_location: { type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: trace.experimentId } },
    request_time: new Date(trace.timestampMs).toISOString(),
    execution_duration: formatDuration(trace.executionMs),
    state: trace.state,
    trace_metadata: trace.metadata,
    assessments: withAssessments
      ? trace.assessments.map((assessment) => assessmentJson(assessment))
      : undefined,
    tags: trace.tags,
    request_preview: trace.requestPreview,
    response_preview: trace.responsePreview,
  });
}

export function assessmentJson(assessment: StoredAssessment): Json {
  return omitEmpty({
    assessment_id: assessment.assessmentId,
    assessment_name: assessment.assessmentName,
    trace_id: assessment.traceId,
    span_id: assessment.spanId,
    source: assessment.source,
    create_time: assessment.createTime,
    last_update_time: assessment.lastUpdateTime,
    feedback: assessment.feedback,
    expectation: assessment.expectation,
    rationale: assessment.rationale,
    metadata: assessment.metadata,
    overrides: assessment.overrides,
    valid: assessment.valid,
  });
}

/** Proto3 JSON leaves out unset and empty fields: undefined, empty strings, empty lists and empty maps. */
export function omitEmpty(value: Json): Json {
  const result: Json = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || field === '' || field === null) continue;
    if (Array.isArray(field) && field.length === 0) continue;
    if (isPlainObject(field) && Object.keys(field).length === 0) continue;
    result[key] = field;
  }
  return result;
}

/** A Duration as MLflow writes it from milliseconds: `"0.420s"`. */
export function formatDuration(ms: number): string {
  return `${(ms / 1000).toFixed(3)}s`;
}
