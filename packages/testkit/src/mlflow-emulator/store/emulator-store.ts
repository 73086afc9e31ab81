import { invalidParameter, MlflowApiError, missingParameter, notFound } from '../emulator-error.js';
import { EmulatorIds } from '../emulator-ids.js';
import { listArtifacts } from './artifact-listing.js';
import { addAssessment, updateAssessmentFields } from './assessment-changes.js';
import { applyLogBatch, parseLogBatch } from './log-batch.js';
import { metricHistoryPage } from './metric-history.js';
import { maxTagValue } from './mlflow-limits.js';
import { compareTraces, lowerBound } from './ordering.js';
import {
  asObject,
  integerField,
  type Json,
  keyValueList,
  runIdOf,
  stringField,
  stringList,
  trimSlashes,
} from './request-fields.js';
import { searchExperiments } from './search-experiments.js';
import { searchRuns } from './search-runs.js';
import { searchTraces, searchTracesV2 } from './search-traces.js';
import type { StoredAssessment, StoredExperiment, StoredRun, StoredTrace } from './stored-records.js';
import { traceFromRequest } from './trace-from-request.js';
import { validateKey } from './validate-key.js';

export interface StoreOptions {
  seed: string | number;
  /** `mlflow-artifacts:` (the server proxies artifacts) or a plain path such as `/srv/mlflow/artifacts`. */
  artifactRoot: string;
  now: () => number;
}

const runStatuses = new Set(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']);

/**
 * The in-memory state of the emulated tracking server, with MLflow's validation and paging rules: one method per
 * API operation, the searches and request parsing in modules of their own.
 */
export class EmulatorStore {
  readonly experiments = new Map<string, StoredExperiment>();
  readonly runs = new Map<string, StoredRun>();
  readonly traces = new Map<string, StoredTrace>();
  /** Per experiment, traces sorted by (timestamp_ms, trace_id): the order time-bounded searches walk. */
  private readonly tracesByExperiment = new Map<string, StoredTrace[]>();
  /** Artifact bytes by full URI (`<artifact_uri>/<path>`). */
  readonly artifacts = new Map<string, Buffer>();
  readonly ids: EmulatorIds;
  private nextExperimentId = 0;

  constructor(private readonly options: StoreOptions) {
    this.ids = new EmulatorIds(options.seed);
    this.createExperiment({ name: 'Default' });
  }

  get artifactRoot(): string {
    return this.options.artifactRoot;
  }

  get proxiesArtifacts(): boolean {
    return this.options.artifactRoot.startsWith('mlflow-artifacts:');
  }

  // ── Experiments ──────────────────────────────────────────────────────────────────────────────────────────────

  createExperiment(body: Json): string {
    const name = stringField(body, 'name');
    if (name === undefined || name === '') throw missingParameter('name');
    if (name.length > 500)
      throw invalidParameter(`Experiment name exceeds the maximum length of 500 characters`);
    for (const experiment of this.experiments.values()) {
      if (experiment.name === name) {
        throw new MlflowApiError(
          'RESOURCE_ALREADY_EXISTS',
          `Experiment(name=${name}) already exists. Error: (sqlite3.IntegrityError) UNIQUE constraint failed: experiments.workspace, experiments.name`,
        );
      }
    }
    const experimentId = String(this.nextExperimentId++);
    const now = this.options.now();
    const location = stringField(body, 'artifact_location');
    const experiment: StoredExperiment = {
      experimentId,
      name,
      artifactLocation:
        location && location !== '' ? location : `${this.options.artifactRoot}/${experimentId}`,
      lifecycleStage: 'active',
      creationTime: now,
      lastUpdateTime: now,
      tags: new Map(),
    };
    for (const tag of keyValueList(body.tags, 'tags')) experiment.tags.set(tag.key, tag.value);
    this.experiments.set(experimentId, experiment);
    return experimentId;
  }

  getExperiment(experimentId: string | undefined): StoredExperiment {
    if (experimentId === undefined || experimentId === '') throw missingParameter('experiment_id');
    const experiment = this.experiments.get(experimentId);
    if (!experiment) throw notFound(`No Experiment with id=${experimentId} exists`);
    return experiment;
  }

  getExperimentByName(name: string | undefined): StoredExperiment {
    if (name === undefined || name === '') throw missingParameter('experiment_name');
    for (const experiment of this.experiments.values()) {
      if (experiment.name === name && experiment.lifecycleStage === 'active') return experiment;
    }
    throw notFound(`Could not find experiment with name '${name}'`);
  }

  setExperimentTag(body: Json): void {
    const experiment = this.getExperiment(stringField(body, 'experiment_id'));
    const key = stringField(body, 'key');
    if (key === undefined) throw missingParameter('key');
    validateKey(key, 'key');
    experiment.tags.set(key, (stringField(body, 'value') ?? '').slice(0, 5000));
  }

  searchExperiments(body: Json): Json {
    return searchExperiments(this.experiments.values(), body);
  }

  // ── Runs ─────────────────────────────────────────────────────────────────────────────────────────────────────

  createRun(body: Json): StoredRun {
    const experimentId = stringField(body, 'experiment_id') ?? '0';
    const experiment = this.experiments.get(experimentId);
    if (!experiment) throw notFound(`No Experiment with id=${experimentId} exists`);
    const tags = keyValueList(body.tags, 'tags');
    const tagName = tags.find((tag) => tag.key === 'mlflow.runName')?.value;
    const runName = stringField(body, 'run_name') || tagName || this.ids.runName();
    const runId = this.ids.runId();
    const run: StoredRun = {
      runId,
      experimentId,
      runName,
      userId: stringField(body, 'user_id') ?? '',
      status: 'RUNNING',
      startTime: integerField(body, 'start_time') ?? 0,
      endTime: undefined,
      artifactUri: `${experiment.artifactLocation}/${runId}/artifacts`,
      lifecycleStage: 'active',
      history: new Map(),
      latest: new Map(),
      params: new Map(),
      tags: new Map(),
    };
    for (const [index, tag] of tags.entries()) {
      validateKey(tag.key, `tags[${index}].key`);
      run.tags.set(tag.key, tag.value.slice(0, maxTagValue));
    }
    run.tags.set('mlflow.runName', runName);
    this.runs.set(runId, run);
    return run;
  }

  getRun(runId: string | undefined): StoredRun {
    if (runId === undefined || runId === '') throw missingParameter('run_id');
    const run = this.runs.get(runId);
    if (!run) throw notFound(`Run with id=${runId} not found`);
    return run;
  }

  updateRun(body: Json): StoredRun {
    const run = this.getRun(runIdOf(body));
    const status = stringField(body, 'status');
    // An unknown enum value is dropped silently by the proto parser: 200, status unchanged.
    if (status !== undefined && runStatuses.has(status)) run.status = status;
    const endTime = integerField(body, 'end_time');
    if (endTime !== undefined) run.endTime = endTime;
    const runName = stringField(body, 'run_name');
    if (runName) {
      run.runName = runName;
      run.tags.set('mlflow.runName', runName);
    }
    return run;
  }

  setTag(body: Json): void {
    const run = this.getRun(runIdOf(body));
    const key = stringField(body, 'key');
    if (key === undefined || key === '') throw missingParameter('key');
    validateKey(key, 'key');
    const value = stringField(body, 'value') ?? '';
    run.tags.set(key, value.slice(0, maxTagValue));
    if (key === 'mlflow.runName') run.runName = value;
  }

  deleteTag(body: Json): void {
    const run = this.getRun(runIdOf(body));
    const key = stringField(body, 'key');
    if (key === undefined) throw missingParameter('key');
    if (!run.tags.delete(key)) throw notFound(`No tag with name: ${key} in run with id ${run.runId}`);
  }

  /** runs/log-batch (and log-metric, log-parameter): the batch is checked whole before the run is looked up. */
  logBatch(body: Json, rawLength: number): void {
    const batch = parseLogBatch(body, rawLength);
    applyLogBatch(this.getRun(runIdOf(body)), batch);
  }

  searchRuns(body: Json): Json {
    return searchRuns(this.runs.values(), body);
  }

  getMetricHistory(query: URLSearchParams): Json {
    const runId = query.get('run_id') ?? query.get('run_uuid') ?? undefined;
    const key = query.get('metric_key');
    if (key === null || key === '') throw missingParameter('metric_key');
    return metricHistoryPage(this.getRun(runId), key, query);
  }

  // ── Artifacts ────────────────────────────────────────────────────────────────────────────────────────────────

  putArtifact(run: StoredRun, path: string, content: Buffer): void {
    this.artifacts.set(`${run.artifactUri}/${trimSlashes(path)}`, content);
  }

  listArtifacts(query: URLSearchParams): Json {
    const run = this.getRun(query.get('run_id') ?? query.get('run_uuid') ?? undefined);
    return listArtifacts(this.artifacts, run, query.get('path') ?? '');
  }

  getArtifact(runId: string | undefined, path: string | undefined): Buffer {
    const run = this.getRun(runId);
    if (path === undefined || path === '') throw missingParameter('path');
    const content = this.artifacts.get(`${run.artifactUri}/${trimSlashes(path)}`);
    if (!content) throw notFound(`File ${path} not found in run ${run.runId}`);
    return content;
  }

  // ── Traces ───────────────────────────────────────────────────────────────────────────────────────────────────

  /** StartTraceV3; a trace started again keeps its assessments and linked runs. */
  startTrace(body: Json): StoredTrace {
    const trace = traceFromRequest(body, {
      experiments: this.experiments,
      ids: this.ids,
      now: this.options.now,
    });
    const existing = this.traces.get(trace.traceId);
    if (existing) {
      trace.assessments = existing.assessments;
      trace.linkedRuns = existing.linkedRuns;
      this.removeTrace(existing);
    }
    this.insertTrace(trace);
    return trace;
  }

  /** Adds a trace directly, for seeding; keeps the per-experiment order. */
  insertTrace(trace: StoredTrace): void {
    this.traces.set(trace.traceId, trace);
    let list = this.tracesByExperiment.get(trace.experimentId);
    if (!list) {
      list = [];
      this.tracesByExperiment.set(trace.experimentId, list);
    }
    const last = list[list.length - 1];
    if (!last || compareTraces(last, trace) <= 0) {
      list.push(trace);
      return;
    }
    list.splice(
      lowerBound(list, (item) => compareTraces(item, trace) < 0),
      0,
      trace,
    );
  }

  private removeTrace(trace: StoredTrace): void {
    this.traces.delete(trace.traceId);
    const list = this.tracesByExperiment.get(trace.experimentId);
    const index = list?.indexOf(trace) ?? -1;
    if (index >= 0) list!.splice(index, 1);
  }

  getTrace(traceId: string): StoredTrace {
    const trace = this.traces.get(traceId);
    if (!trace) throw notFound(`Trace with ID '${traceId}' not found.`);
    return trace;
  }

  setTraceTag(traceId: string, body: Json): void {
    const trace = this.getTrace(traceId);
    const key = stringField(body, 'key');
    if (key === undefined) throw missingParameter('key');
    trace.tags[key] = (stringField(body, 'value') ?? '').slice(0, maxTagValue);
    trace.cachedJson = undefined;
  }

  deleteTraceTag(traceId: string, key: string | null): void {
    const trace = this.getTrace(traceId);
    if (key === null) throw missingParameter('key');
    delete trace.tags[key];
    trace.cachedJson = undefined;
  }

  linkTracesToRun(body: Json): void {
    const run = this.getRun(runIdOf(body));
    for (const traceId of stringList(body.trace_ids)) this.traces.get(traceId)?.linkedRuns.add(run.runId);
  }

  /** traces/search v3; returns the response body already serialized. */
  searchTraces(body: Json): string {
    return searchTraces(this.tracesByExperiment, body);
  }

  /** GET /api/2.0/mlflow/traces: the legacy v2 search, in the v2 trace shape. */
  searchTracesV2(query: URLSearchParams): Json {
    return searchTracesV2(this.tracesByExperiment, query);
  }

  // ── Assessments ──────────────────────────────────────────────────────────────────────────────────────────────

  createAssessment(traceId: string, body: Json): StoredAssessment {
    if (body.assessment === undefined) throw missingParameter('assessment');
    const trace = this.getTrace(traceId);
    return addAssessment(trace, asObject(body.assessment), this.ids, () => this.isoNow());
  }

  getAssessment(traceId: string, assessmentId: string): StoredAssessment {
    const trace = this.traces.get(traceId);
    const assessment = trace?.assessments.find((item) => item.assessmentId === assessmentId);
    if (!assessment) {
      throw notFound(`Assessment with ID '${assessmentId}' not found for trace '${traceId}'`);
    }
    return assessment;
  }

  updateAssessment(traceId: string, assessmentId: string, body: Json): StoredAssessment {
    const assessment = this.getAssessment(traceId, assessmentId);
    updateAssessmentFields(assessment, body, this.isoNow());
    const trace = this.traces.get(traceId);
    if (trace) trace.cachedJson = undefined;
    return assessment;
  }

  deleteAssessment(traceId: string, assessmentId: string): void {
    const trace = this.getTrace(traceId);
    const index = trace.assessments.findIndex((item) => item.assessmentId === assessmentId);
    if (index === -1) throw notFound(`Assessment with ID '${assessmentId}' not found for trace '${traceId}'`);
    trace.assessments.splice(index, 1);
    trace.cachedJson = undefined;
  }

  private isoNow(): string {
    return new Date(this.options.now()).toISOString();
  }
}
