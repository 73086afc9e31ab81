import { invalidParameter, missingParameter, notFound } from '../emulator-error.js';
import type { EmulatorIds } from '../emulator-ids.js';
import { asObject, type Json, stringField, stringMap } from './request-fields.js';
import type { StoredExperiment, StoredTrace } from './stored-records.js';

const traceStates = new Set(['STATE_UNSPECIFIED', 'OK', 'ERROR', 'IN_PROGRESS']);

/**
 * The trace a StartTraceV3 body describes, in a known experiment; without a trace id or request time, a new id
 * and the server's time. It has no assessments or linked runs yet.
 */
export function traceFromRequest(
  body: Json,
  context: { experiments: ReadonlyMap<string, StoredExperiment>; ids: EmulatorIds; now: () => number },
): StoredTrace {
  const trace = asObject(body.trace);
  if (body.trace === undefined || body.trace === null) throw missingParameter('trace');
  const info = asObject(trace.trace_info);
  if (trace.trace_info === undefined) throw missingParameter('trace.trace_info');
  const location = asObject(info.trace_location);
  const experimentId = stringField(asObject(location.mlflow_experiment), 'experiment_id');
  if (experimentId === undefined) throw missingParameter('trace_info.trace_location');
  const experiment = context.experiments.get(experimentId);
  if (!experiment) throw notFound(`No Experiment with id=${experimentId} exists`);
  const traceId = stringField(info, 'trace_id') || context.ids.traceId();
  const requestTime = stringField(info, 'request_time');
  const timestampMs = requestTime === undefined ? context.now() : Date.parse(requestTime);
  if (Number.isNaN(timestampMs)) {
    throw invalidParameter(`Invalid value ${requestTime} for parameter 'trace_info.request_time' supplied.`);
  }
  const state = stringField(info, 'state') ?? 'STATE_UNSPECIFIED';
  return {
    traceId,
    clientRequestId: stringField(info, 'client_request_id'),
    experimentId,
    timestampMs,
    executionMs: parseDurationMs(stringField(info, 'execution_duration')),
    state: traceStates.has(state) ? state : 'STATE_UNSPECIFIED',
    metadata: stringMap(info.trace_metadata),
    tags: {
      ...stringMap(info.tags),
      'mlflow.artifactLocation': `${experiment.artifactLocation}/traces/${traceId}/artifacts`,
      'mlflow.trace.spansLocation': 'TRACKING_STORE',
    },
    requestPreview: stringField(info, 'request_preview'),
    responsePreview: stringField(info, 'response_preview'),
    assessments: [],
    linkedRuns: new Set(),
  };
}

function parseDurationMs(duration: string | undefined): number {
  if (duration === undefined) return 0;
  const match = /^(-?\d+(?:\.\d+)?)s$/.exec(duration.trim());
  if (!match)
    throw invalidParameter(`Invalid value ${duration} for parameter 'execution_duration' supplied.`);
  return Math.round(Number(match[1]) * 1000);
}
