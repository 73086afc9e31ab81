import { z } from 'zod';
import { parseMetricValue } from './metric-value.js';

// Lenient wire schemas for the MLflow tracking REST API (proto3 JSON of MLflow's proto2 messages). Every field is
// optional because MLflow omits unset and empty ones; unknown fields are kept; int64s arrive as numbers (or, from
// some proxies, strings); doubles may be the strings "NaN", "Infinity", "-Infinity".

const int64 = z.union([z.number(), z.string()]).transform((value) => Number(value));
const double = z.union([z.number(), z.string()]).transform(parseMetricValue);
const text = z.union([z.string(), z.number(), z.boolean()]).transform((value) => String(value));

export const keyValueSchema = z.looseObject({ key: z.string(), value: text.optional() });
export type KeyValue = z.infer<typeof keyValueSchema>;

export const experimentSchema = z.looseObject({
  experiment_id: text,
  name: z.string().optional(),
  artifact_location: z.string().optional(),
  lifecycle_stage: z.string().optional(),
  last_update_time: int64.optional(),
  creation_time: int64.optional(),
  tags: z.array(keyValueSchema).optional(),
});
export type Experiment = z.infer<typeof experimentSchema>;

export const metricSchema = z.looseObject({
  key: z.string(),
  value: double,
  timestamp: int64.optional(),
  step: int64.optional(),
  run_id: z.string().optional(),
});
export type Metric = z.infer<typeof metricSchema>;

export const runInfoSchema = z.looseObject({
  run_id: z.string().optional(),
  run_uuid: z.string().optional(),
  run_name: z.string().optional(),
  experiment_id: text.optional(),
  user_id: z.string().optional(),
  status: z.string().optional(),
  start_time: int64.optional(),
  end_time: int64.optional(),
  artifact_uri: z.string().optional(),
  lifecycle_stage: z.string().optional(),
});
export type RunInfo = z.infer<typeof runInfoSchema>;

export const runSchema = z.looseObject({
  info: runInfoSchema,
  data: z
    .looseObject({
      metrics: z.array(metricSchema).optional(),
      params: z.array(keyValueSchema).optional(),
      tags: z.array(keyValueSchema).optional(),
    })
    .optional(),
});
export type Run = z.infer<typeof runSchema>;

export const assessmentSchema = z.looseObject({
  assessment_id: z.string().optional(),
  assessment_name: z.string().optional(),
  trace_id: z.string().optional(),
  span_id: z.string().optional(),
  source: z.looseObject({ source_type: z.string().optional(), source_id: z.string().optional() }).optional(),
  create_time: z.string().optional(),
  last_update_time: z.string().optional(),
  feedback: z
    .looseObject({
      value: z.unknown().optional(),
      error: z
        .looseObject({ error_code: z.string().optional(), error_message: z.string().optional() })
        .optional(),
    })
    .optional(),
  expectation: z.looseObject({ value: z.unknown().optional() }).optional(),
  rationale: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  overrides: z.string().optional(),
  valid: z.boolean().optional(),
});
export type Assessment = z.infer<typeof assessmentSchema>;

export const traceInfoSchema = z.looseObject({
  trace_id: z.string(),
  client_request_id: z.string().optional(),
  trace_location: z
    .looseObject({
      type: z.string().optional(),
      mlflow_experiment: z.looseObject({ experiment_id: text.optional() }).optional(),
    })
    .optional(),
  request_time: z.string().optional(),
  execution_duration: z.string().optional(),
  state: z.string().optional(),
  trace_metadata: z.record(z.string(), z.unknown()).optional(),
  tags: z.record(z.string(), z.unknown()).optional(),
  assessments: z.array(assessmentSchema).optional(),
  request_preview: z.string().optional(),
  response_preview: z.string().optional(),
});
export type TraceInfo = z.infer<typeof traceInfoSchema>;

export const fileInfoSchema = z.looseObject({
  path: z.string(),
  is_dir: z.boolean().optional(),
  file_size: int64.optional(),
});
export type FileInfo = z.infer<typeof fileInfoSchema>;

const pageToken = { next_page_token: z.string().optional() };

export const getExperimentResponse = z.looseObject({ experiment: experimentSchema });
export const searchExperimentsResponse = z.looseObject({
  experiments: z.array(experimentSchema).optional(),
  ...pageToken,
});
export const createExperimentResponse = z.looseObject({ experiment_id: text });
export const getRunResponse = z.looseObject({ run: runSchema });
export const searchRunsResponse = z.looseObject({ runs: z.array(runSchema).optional(), ...pageToken });
export const updateRunResponse = z.looseObject({ run_info: runInfoSchema.optional() });
export const metricHistoryResponse = z.looseObject({
  metrics: z.array(metricSchema).optional(),
  ...pageToken,
});
export const searchTracesResponse = z.looseObject({
  traces: z.array(traceInfoSchema).optional(),
  ...pageToken,
});
export const getTraceInfoResponse = z.looseObject({ trace: z.looseObject({ trace_info: traceInfoSchema }) });
export const assessmentResponse = z.looseObject({ assessment: assessmentSchema });
export const listArtifactsResponse = z.looseObject({
  root_uri: z.string().optional(),
  files: z.array(fileInfoSchema).optional(),
  ...pageToken,
});
export const emptyResponse = z.looseObject({});
