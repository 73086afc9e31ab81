import { invalidParameter, MlflowApiError, missingParameter, notFound } from './emulator-error.js';
import { EmulatorIds } from './emulator-ids.js';
import { decodePageToken, encodePageToken } from './page-token.js';
import {
  type FilterClause,
  matchNumber,
  matchString,
  numericComparators,
  parseOrderBy,
  parseSearchFilter,
  stringComparators,
} from './search-filter.js';

type Json = Record<string, unknown>;

export interface StoredExperiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: 'active' | 'deleted';
  creationTime: number;
  lastUpdateTime: number;
  tags: Map<string, string>;
}

export interface MetricPoint {
  key: string;
  /** NaN stays NaN; ±Infinity is stored as ±Number.MAX_VALUE, as the SQL store does. */
  value: number;
  timestamp: number;
  step: number;
}

export interface StoredRun {
  runId: string;
  experimentId: string;
  runName: string;
  userId: string;
  status: string;
  startTime: number;
  endTime: number | undefined;
  artifactUri: string;
  lifecycleStage: 'active' | 'deleted';
  history: Map<string, MetricPoint[]>;
  latest: Map<string, MetricPoint>;
  params: Map<string, string>;
  tags: Map<string, string>;
}

export interface StoredAssessment {
  assessmentId: string;
  assessmentName: string;
  traceId: string;
  spanId: string | undefined;
  source: Json | undefined;
  createTime: string;
  lastUpdateTime: string;
  feedback: Json | undefined;
  expectation: Json | undefined;
  rationale: string | undefined;
  metadata: Record<string, string> | undefined;
  overrides: string | undefined;
  valid: boolean;
}

export interface StoredTrace {
  traceId: string;
  clientRequestId: string | undefined;
  experimentId: string;
  timestampMs: number;
  executionMs: number;
  state: string;
  metadata: Record<string, string>;
  tags: Record<string, string>;
  requestPreview: string | undefined;
  responsePreview: string | undefined;
  assessments: StoredAssessment[];
  linkedRuns: Set<string>;
  /** The search-result JSON of this trace, cached until the trace or its assessments change. */
  cachedJson?: string | undefined;
}

export interface StoreOptions {
  seed: string | number;
  /** `mlflow-artifacts:` (the server proxies artifacts) or a plain path such as `/srv/mlflow/artifacts`. */
  artifactRoot: string;
  now: () => number;
}

const runStatuses = new Set(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']);
const traceStates = new Set(['STATE_UNSPECIFIED', 'OK', 'ERROR', 'IN_PROGRESS']);
const validKey = /^[/\w.\- :]*$/;
const maxTagValue = 8000;
const maxParamValue = 6000;
const maxBatchBytes = 1024 * 1024;
const runAttributeKeys = [
  'run_id',
  'run_name',
  'user_id',
  'status',
  'start_time',
  'end_time',
  'artifact_uri',
  'lifecycle_stage',
];
const traceAttributeKeys = new Set([
  'text',
  'run_id',
  'execution_time_ms',
  'status',
  'end_time_ms',
  'request_id',
  'execution_time',
  'end_time',
  'timestamp',
  'name',
  'timestamp_ms',
  'client_request_id',
]);

/** The in-memory state of the emulated tracking server, with MLflow's validation and paging rules. */
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
    const maxResults = integerField(body, 'max_results') ?? 0;
    if (maxResults <= 0 || maxResults > 50_000) {
      throw invalidParameter(
        `Invalid value ${maxResults} for parameter 'max_results' supplied. It must be a positive integer`,
      );
    }
    const clauses = parseSearchFilter(stringField(body, 'filter'));
    const viewType = stringField(body, 'view_type') ?? 'ACTIVE_ONLY';
    const predicates = clauses.map((clause) => experimentPredicate(clause));
    const matches = [...this.experiments.values()].filter(
      (experiment) =>
        (viewType === 'ALL' ||
          (viewType === 'DELETED_ONLY'
            ? experiment.lifecycleStage === 'deleted'
            : experiment.lifecycleStage === 'active')) &&
        predicates.every((predicate) => predicate(experiment)),
    );
    const orderBy = stringList(body.order_by);
    const comparators = orderBy.map((entry) => {
      const { prefix, key, ascending } = parseOrderBy(entry);
      if (prefix !== '' && prefix !== 'attribute' && prefix !== 'attributes') {
        throw invalidParameter(`Invalid order_by entity '${prefix}'`);
      }
      if (!['name', 'experiment_id', 'creation_time', 'last_update_time'].includes(key)) {
        throw invalidParameter(`Invalid order_by key '${key}'`);
      }
      return compareBy<StoredExperiment>(
        (experiment) =>
          key === 'name'
            ? experiment.name
            : key === 'experiment_id'
              ? Number(experiment.experimentId)
              : key === 'creation_time'
                ? experiment.creationTime
                : experiment.lastUpdateTime,
        ascending,
      );
    });
    if (!orderBy.some((entry) => /creation_time/.test(entry))) {
      comparators.push(compareBy((experiment) => experiment.creationTime, false));
    }
    comparators.push(compareBy((experiment) => Number(experiment.experimentId), true));
    matches.sort(chain(comparators));
    const offset = decodePageToken(stringField(body, 'page_token'));
    const page = matches.slice(offset, offset + maxResults);
    // experiments/search looks ahead: no token on the last page.
    const hasMore = offset + maxResults < matches.length;
    return omitEmpty({
      experiments: page.map((experiment) => experimentJson(experiment)),
      next_page_token: hasMore ? encodePageToken(offset + maxResults) : undefined,
    });
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

  logBatch(body: Json, rawLength: number): void {
    if (rawLength > maxBatchBytes) {
      throw invalidParameter(
        `Batched logging API requests must be at most 1 MB in size. Got ${rawLength} bytes. Please split up the batch.`,
      );
    }
    const metrics = Array.isArray(body.metrics) ? (body.metrics as unknown[]) : [];
    const params = Array.isArray(body.params) ? (body.params as unknown[]) : [];
    const tags = Array.isArray(body.tags) ? (body.tags as unknown[]) : [];
    for (const [items, limit, name] of [
      [metrics, 1000, 'metrics'],
      [params, 100, 'params'],
      [tags, 100, 'tags'],
    ] as const) {
      if (items.length > limit) {
        throw invalidParameter(
          `A batch logging request can contain at most ${limit} ${name}. Got ${items.length} ${name}. Please split up ${name} across multiple requests and try again.`,
        );
      }
    }
    const total = metrics.length + params.length + tags.length;
    if (total > 1000) {
      throw invalidParameter(
        `A batch logging request can contain at most 1000 total metrics, params, and tags. Got ${total} total. Please split up across multiple requests and try again.`,
      );
    }
    const parsedMetrics = metrics.map((metric, index) => parseMetric(metric, index));
    const parsedParams = params.map((param, index) => {
      const key = stringField(asObject(param), 'key');
      if (key === undefined) throw missingParameter(`params[${index}].key`);
      validateKey(key, `params[${index}].key`);
      const value = stringField(asObject(param), 'value') ?? '';
      if (value.length > maxParamValue) {
        throw invalidParameter(
          `Param value '${value.slice(0, 50)}...' had length ${value.length}, which exceeded length limit of ${maxParamValue}`,
        );
      }
      return { key, value };
    });
    const parsedTags = keyValueList(tags, 'tags');
    for (const [index, tag] of parsedTags.entries()) validateKey(tag.key, `tags[${index}].key`);
    const run = this.getRun(runIdOf(body));
    const changed = parsedParams.filter(
      (param) => run.params.has(param.key) && run.params.get(param.key) !== param.value,
    );
    if (changed.length > 0) {
      const described = changed
        .map(
          (param) =>
            `{'key': '${param.key}', 'old_value': '${run.params.get(param.key)}', 'new_value': '${param.value}'}`,
        )
        .join(', ');
      throw invalidParameter(
        `Changing param values is not allowed. Params were already logged='[${described}]' for run ID='${run.runId}'.`,
      );
    }
    for (const param of parsedParams) run.params.set(param.key, param.value);
    for (const metric of parsedMetrics) this.appendMetric(run, metric);
    for (const tag of parsedTags) {
      run.tags.set(tag.key, tag.value.slice(0, maxTagValue));
      if (tag.key === 'mlflow.runName') run.runName = tag.value;
    }
  }

  private appendMetric(run: StoredRun, metric: MetricPoint): void {
    let history = run.history.get(metric.key);
    if (!history) {
      history = [];
      run.history.set(metric.key, history);
    }
    history.push(metric);
    const latest = run.latest.get(metric.key);
    if (!latest || compareMetrics(metric, latest) >= 0) run.latest.set(metric.key, metric);
  }

  searchRuns(body: Json): Json {
    const experimentIds = stringList(body.experiment_ids);
    const maxResults = integerField(body, 'max_results') ?? 1000;
    if (maxResults <= 0 || maxResults > 50_000) {
      throw invalidParameter(
        `Invalid value ${maxResults} for parameter 'max_results' supplied. It must be at most 50000, but got value ${maxResults}`,
      );
    }
    const predicates = parseSearchFilter(stringField(body, 'filter')).map((clause) => runPredicate(clause));
    const offset = decodePageToken(stringField(body, 'page_token'));
    const viewType = stringField(body, 'run_view_type') ?? 'ACTIVE_ONLY';
    const matches = [...this.runs.values()].filter(
      (run) =>
        experimentIds.includes(run.experimentId) &&
        (viewType === 'ALL' ||
          (viewType === 'DELETED_ONLY'
            ? run.lifecycleStage === 'deleted'
            : run.lifecycleStage === 'active')) &&
        predicates.every((predicate) => predicate(run)),
    );
    const comparators = stringList(body.order_by).map((entry) => runComparator(entry));
    comparators.push(compareBy((run: StoredRun) => run.startTime, false));
    comparators.push(compareBy((run: StoredRun) => run.runId, true));
    matches.sort(chain(comparators));
    const page = matches.slice(offset, offset + maxResults);
    // runs/search returns a token on every full page, even when nothing is left.
    return omitEmpty({
      runs: page.map((run) => runJson(run, true)),
      next_page_token: page.length === maxResults ? encodePageToken(offset + maxResults) : undefined,
    });
  }

  getMetricHistory(query: URLSearchParams): Json {
    const runId = query.get('run_id') ?? query.get('run_uuid') ?? undefined;
    const key = query.get('metric_key');
    if (key === null || key === '') throw missingParameter('metric_key');
    const run = this.getRun(runId);
    const maxResultsText = query.get('max_results');
    // Without max_results the handler passes the proto2 default 0: an empty page that still has a token.
    const maxResults = maxResultsText === null ? 0 : Number(maxResultsText);
    if (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > 25_000) {
      throw invalidParameter(`Invalid value ${maxResultsText} for parameter 'max_results' supplied.`);
    }
    const history = [...(run.history.get(key) ?? [])].sort(
      (a, b) => a.step - b.step || a.timestamp - b.timestamp,
    );
    const offset = decodePageToken(query.get('page_token') ?? undefined);
    if (maxResults === 0) {
      return history.length === 0 ? {} : { next_page_token: encodePageToken(offset) };
    }
    const page = history.slice(offset, offset + maxResults);
    const hasMore = offset + maxResults < history.length;
    return omitEmpty({
      metrics: page.map((metric) => metricJson(metric)),
      next_page_token: hasMore ? encodePageToken(offset + maxResults) : undefined,
    });
  }

  // ── Artifacts ────────────────────────────────────────────────────────────────────────────────────────────────

  putArtifact(run: StoredRun, path: string, content: Buffer): void {
    this.artifacts.set(`${run.artifactUri}/${trimSlashes(path)}`, content);
  }

  listArtifacts(query: URLSearchParams): Json {
    const run = this.getRun(query.get('run_id') ?? query.get('run_uuid') ?? undefined);
    const path = trimSlashes(query.get('path') ?? '');
    const prefix = path === '' ? `${run.artifactUri}/` : `${run.artifactUri}/${path}/`;
    const entries = new Map<string, { is_dir: boolean; file_size?: number }>();
    for (const [uri, content] of this.artifacts) {
      if (!uri.startsWith(prefix)) continue;
      const rest = uri.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash === -1 ? rest : rest.slice(0, slash);
      const relative = path === '' ? name : `${path}/${name}`;
      if (slash === -1) entries.set(relative, { is_dir: false, file_size: content.length });
      else entries.set(relative, { is_dir: true });
    }
    const files = [...entries.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([file, entry]) => ({ path: file, ...entry }));
    return omitEmpty({ root_uri: run.artifactUri, files });
  }

  getArtifact(runId: string | undefined, path: string | undefined): Buffer {
    const run = this.getRun(runId);
    if (path === undefined || path === '') throw missingParameter('path');
    const content = this.artifacts.get(`${run.artifactUri}/${trimSlashes(path)}`);
    if (!content) throw notFound(`File ${path} not found in run ${run.runId}`);
    return content;
  }

  // ── Traces ───────────────────────────────────────────────────────────────────────────────────────────────────

  startTrace(body: Json): StoredTrace {
    const trace = asObject(body.trace);
    if (body.trace === undefined || body.trace === null) throw missingParameter('trace');
    const info = asObject(trace.trace_info);
    if (trace.trace_info === undefined) throw missingParameter('trace.trace_info');
    const location = asObject(info.trace_location);
    const experimentId = stringField(asObject(location.mlflow_experiment), 'experiment_id');
    if (experimentId === undefined) throw missingParameter('trace_info.trace_location');
    if (!this.experiments.has(experimentId)) throw notFound(`No Experiment with id=${experimentId} exists`);
    const traceId = stringField(info, 'trace_id') || this.ids.traceId();
    const requestTime = stringField(info, 'request_time');
    const timestampMs = requestTime === undefined ? this.options.now() : Date.parse(requestTime);
    if (Number.isNaN(timestampMs)) {
      throw invalidParameter(
        `Invalid value ${requestTime} for parameter 'trace_info.request_time' supplied.`,
      );
    }
    const state = stringField(info, 'state') ?? 'STATE_UNSPECIFIED';
    const existing = this.traces.get(traceId);
    const stored: StoredTrace = {
      traceId,
      clientRequestId: stringField(info, 'client_request_id'),
      experimentId,
      timestampMs,
      executionMs: parseDurationMs(stringField(info, 'execution_duration')),
      state: traceStates.has(state) ? state : 'STATE_UNSPECIFIED',
      metadata: stringMap(info.trace_metadata),
      tags: {
        ...stringMap(info.tags),
        'mlflow.artifactLocation': `${this.experiments.get(experimentId)!.artifactLocation}/traces/${traceId}/artifacts`,
        'mlflow.trace.spansLocation': 'TRACKING_STORE',
      },
      requestPreview: stringField(info, 'request_preview'),
      responsePreview: stringField(info, 'response_preview'),
      assessments: existing?.assessments ?? [],
      linkedRuns: existing?.linkedRuns ?? new Set(),
    };
    if (existing) this.removeTrace(existing);
    this.insertTrace(stored);
    return stored;
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
    if (body.locations === undefined) throw missingParameter('locations');
    const experimentIds = (Array.isArray(body.locations) ? body.locations : [])
      .map((location) => stringField(asObject(asObject(location).mlflow_experiment), 'experiment_id'))
      .filter((id): id is string => id !== undefined);
    const maxResults = integerField(body, 'max_results') ?? 100;
    if (maxResults <= 0 || maxResults > 500) {
      throw invalidParameter(
        `Invalid value ${maxResults} for parameter 'max_results' supplied:  Hint: Value was of type 'int'. See the API docs for more information about request parameters.`,
      );
    }
    const result = this.findTraces(
      experimentIds,
      stringField(body, 'filter'),
      stringList(body.order_by),
      maxResults,
      decodePageToken(stringField(body, 'page_token')),
    );
    // traces/search returns a token on every full page, even when nothing is left.
    const token = result.page.length === maxResults ? encodePageToken(result.offset + maxResults) : undefined;
    if (result.page.length === 0) return '{}';
    // Serialized from each trace's cached JSON: large pages are the hot path of benchmarks.
    const traces = result.page.map(
      (trace) => (trace.cachedJson ??= JSON.stringify(traceInfoJson(trace, true))),
    );
    return `{"traces":[${traces.join(',')}]${token === undefined ? '' : `,"next_page_token":"${token}"`}}`;
  }

  /** GET /api/2.0/mlflow/traces: the legacy v2 search, in the v2 trace shape. */
  searchTracesV2(query: URLSearchParams): Json {
    const maxResults = Number(query.get('max_results') ?? '100');
    const offset = decodePageToken(query.get('page_token') ?? undefined);
    const result = this.findTraces(
      query.getAll('experiment_ids'),
      query.get('filter') ?? undefined,
      query.getAll('order_by'),
      maxResults,
      offset,
    );
    return omitEmpty({
      traces: result.page.map((trace) =>
        omitEmpty({
          request_id: trace.traceId,
          experiment_id: trace.experimentId,
          timestamp_ms: trace.timestampMs,
          execution_time_ms: trace.executionMs,
          status: trace.state,
          request_metadata: Object.entries(trace.metadata).map(([key, value]) => ({ key, value })),
          tags: Object.entries(trace.tags).map(([key, value]) => ({ key, value })),
        }),
      ),
      next_page_token: result.page.length === maxResults ? encodePageToken(offset + maxResults) : undefined,
    });
  }

  private findTraces(
    experimentIds: string[],
    filter: string | undefined,
    orderBy: string[],
    maxResults: number,
    offset: number,
  ): { page: StoredTrace[]; offset: number } {
    const clauses = parseSearchFilter(filter);
    const predicates = clauses.map((clause) => this.tracePredicate(clause));
    const bounds = timestampBounds(clauses);
    const order = orderBy.map((entry) => {
      const parsed = parseOrderBy(entry);
      const key = parsed.key === 'timestamp' ? 'timestamp_ms' : parsed.key;
      if (
        ![
          'timestamp_ms',
          'execution_time_ms',
          'status',
          'name',
          'request_id',
          'run_id',
          'experiment_id',
        ].includes(key)
      ) {
        throw invalidParameter(`Invalid order_by key '${parsed.key}'`);
      }
      return { key, ascending: parsed.ascending };
    });
    const lists = experimentIds
      .map((id) => this.tracesByExperiment.get(id))
      .filter((list): list is StoredTrace[] => list !== undefined);
    const matches = (trace: StoredTrace) => predicates.every((predicate) => predicate(trace));
    const byTime =
      order.length === 0 ||
      (order[0]!.key === 'timestamp_ms' &&
        (order.length === 1 || (order.length === 2 && order[1]!.key === 'request_id')));
    if (lists.length === 1 && byTime) {
      // Walk the time-sorted list from the bound; request_id ASC breaks ties either way.
      const list = lists[0]!;
      const ascending = order[0]?.ascending ?? false;
      const page: StoredTrace[] = [];
      let skipped = 0;
      const take = (trace: StoredTrace): boolean => {
        if (!matches(trace)) return false;
        if (skipped < offset) skipped++;
        else page.push(trace);
        return page.length >= maxResults;
      };
      const low = lowerBound(list, (trace) => trace.timestampMs < bounds.min);
      const high = lowerBound(list, (trace) => trace.timestampMs <= bounds.max);
      if (ascending) {
        for (let index = low; index < high; index++) if (take(list[index]!)) break;
      } else {
        let end = high;
        outer: while (end > low) {
          let start = end - 1;
          const time = list[start]!.timestampMs;
          while (start > low && list[start - 1]!.timestampMs === time) start--;
          for (let index = start; index < end; index++) if (take(list[index]!)) break outer;
          end = start;
        }
      }
      return { page, offset };
    }
    const all = lists.flat().filter(matches);
    const comparators = order.map(({ key, ascending }) => compareBy(traceSortValue(key), ascending));
    if (order.length === 0) comparators.push(compareBy(traceSortValue('timestamp_ms'), false));
    comparators.push(compareBy(traceSortValue('request_id'), true));
    all.sort(chain(comparators));
    return { page: all.slice(offset, offset + maxResults), offset };
  }

  private tracePredicate(clause: FilterClause): (trace: StoredTrace) => boolean {
    const { prefix, key, comparator, value } = clause;
    switch (prefix) {
      case '':
      case 'trace':
      case 'attribute':
      case 'attributes': {
        if (!traceAttributeKeys.has(key)) {
          throw invalidParameter(
            `Invalid attribute key '${key}' specified. Valid keys are '{${[...traceAttributeKeys].map((name) => `'${name}'`).join(', ')}}'`,
          );
        }
        if (
          [
            'timestamp_ms',
            'timestamp',
            'execution_time_ms',
            'execution_time',
            'end_time_ms',
            'end_time',
          ].includes(key)
        ) {
          if (value.kind !== 'number' || !numericComparators.has(comparator)) {
            throw invalidParameter(
              `Invalid comparator '${comparator}' or value for numeric attribute '${key}'`,
            );
          }
          const read = key.startsWith('timestamp')
            ? (trace: StoredTrace) => trace.timestampMs
            : key.startsWith('execution')
              ? (trace: StoredTrace) => trace.executionMs
              : (trace: StoredTrace) => trace.timestampMs + trace.executionMs;
          return (trace) => matchNumber(read(trace), comparator, value.value);
        }
        if (value.kind === 'number') {
          throw invalidParameter(
            `Expected a quoted string value for attribute '${key}'. Got value ${value.text}`,
          );
        }
        if (
          (comparator === 'IN' || comparator === 'NOT IN') &&
          !['status', 'name', 'request_id', 'run_id', 'client_request_id'].includes(key)
        ) {
          throw invalidParameter(
            `Only 'status', 'name', 'request_id', 'run_id' and 'client_request_id' support IN`,
          );
        }
        if (key === 'run_id')
          return (trace) => this.traceRunIds(trace).some((id) => matchString(id, comparator, value));
        if (key === 'text') {
          return (trace) =>
            matchString(trace.requestPreview, comparator, value) ||
            matchString(trace.responsePreview, comparator, value);
        }
        const read: (trace: StoredTrace) => string | undefined =
          key === 'status'
            ? (trace) => trace.state
            : key === 'name'
              ? (trace) => trace.tags['mlflow.traceName']
              : key === 'request_id'
                ? (trace) => trace.traceId
                : (trace) => trace.clientRequestId;
        return (trace) => matchString(read(trace), comparator, value);
      }
      case 'tag':
      case 'tags':
        if (value.kind === 'number')
          throw invalidParameter(`Expected a quoted string value for tag '${key}'`);
        return (trace) => matchString(trace.tags[key], comparator, value);
      case 'metadata':
      case 'request_metadata':
        if (value.kind === 'number')
          throw invalidParameter(`Expected a quoted string value for metadata '${key}'`);
        if (key === 'mlflow.sourceRun') {
          // The server answers this filter from the run association, so linked traces match too.
          return (trace) => this.traceRunIds(trace).some((id) => matchString(id, comparator, value));
        }
        return (trace) => matchString(trace.metadata[key], comparator, value);
      case 'feedback':
      case 'expectation': {
        if (value.kind !== 'string') {
          throw invalidParameter(
            `Expected a quoted string value for ${prefix} (e.g. 'my-value'). Got value ${value.kind === 'number' ? value.text : value.values.join(', ')}`,
          );
        }
        if (!stringComparators.has(comparator)) {
          throw invalidParameter(`Invalid comparator '${comparator}' for ${prefix}`);
        }
        // Values are stored as their JSON encoding: 'true' matches true, a "yes" string needs '"yes"'.
        return (trace) =>
          trace.assessments.some(
            (assessment) =>
              assessment.valid &&
              assessment.assessmentName === key &&
              matchString(
                JSON.stringify(
                  (prefix === 'feedback' ? assessment.feedback : assessment.expectation)?.value ?? null,
                ),
                comparator,
                value,
              ),
          );
      }
      case 'span':
        // Spans are not stored by this emulator: no trace has a matching span.
        return () => false;
      default:
        throw invalidParameter(
          `Invalid entity type '${prefix}'. Valid values are ['trace', 'tag', 'metadata', 'span', 'feedback', 'expectation']`,
        );
    }
  }

  private traceRunIds(trace: StoredTrace): string[] {
    const ids = [...trace.linkedRuns];
    const source = trace.metadata['mlflow.sourceRun'];
    if (source !== undefined && !ids.includes(source)) ids.push(source);
    return ids;
  }

  // ── Assessments ──────────────────────────────────────────────────────────────────────────────────────────────

  createAssessment(traceId: string, body: Json): StoredAssessment {
    if (body.assessment === undefined) throw missingParameter('assessment');
    const input = asObject(body.assessment);
    const name = stringField(input, 'assessment_name');
    const trace = this.getTrace(traceId);
    if (input.feedback === undefined && input.expectation === undefined) {
      throw invalidParameter('Unknown assessment type: None');
    }
    if (name === undefined || name === '') throw missingParameter('assessment.assessment_name');
    const now = new Date(this.options.now()).toISOString();
    const assessment: StoredAssessment = {
      assessmentId: this.ids.assessmentId(),
      assessmentName: name,
      traceId: trace.traceId,
      spanId: stringField(input, 'span_id'),
      source: input.source === undefined ? undefined : asObject(input.source),
      createTime: stringField(input, 'create_time') ?? now,
      lastUpdateTime: stringField(input, 'last_update_time') ?? now,
      feedback: input.feedback === undefined ? undefined : asObject(input.feedback),
      expectation: input.expectation === undefined ? undefined : asObject(input.expectation),
      rationale: stringField(input, 'rationale'),
      metadata: input.metadata === undefined ? undefined : stringMap(input.metadata),
      overrides: stringField(input, 'overrides'),
      valid: true,
    };
    if (assessment.overrides) {
      const overridden = trace.assessments.find((item) => item.assessmentId === assessment.overrides);
      if (overridden) overridden.valid = false;
    }
    trace.assessments.push(assessment);
    trace.cachedJson = undefined;
    return assessment;
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
    const input = asObject(body.assessment);
    const mask = (stringField(body, 'update_mask') ?? Object.keys(input).join(',')).split(',');
    for (const field of mask.map((entry) => entry.trim())) {
      if (field === 'assessment_name' && typeof input.assessment_name === 'string') {
        assessment.assessmentName = input.assessment_name;
      } else if (field === 'feedback' && input.feedback !== undefined)
        assessment.feedback = asObject(input.feedback);
      else if (field === 'expectation' && input.expectation !== undefined) {
        assessment.expectation = asObject(input.expectation);
      } else if (field === 'rationale') assessment.rationale = stringField(input, 'rationale');
      else if (field === 'metadata') assessment.metadata = stringMap(input.metadata);
      else if (field === 'valid' && typeof input.valid === 'boolean') assessment.valid = input.valid;
    }
    assessment.lastUpdateTime = new Date(this.options.now()).toISOString();
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
}

// ── JSON shapes ───────────────────────────────────────────────────────────────────────────────────────────────────

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

function parseDurationMs(duration: string | undefined): number {
  if (duration === undefined) return 0;
  const match = /^(-?\d+(?:\.\d+)?)s$/.exec(duration.trim());
  if (!match)
    throw invalidParameter(`Invalid value ${duration} for parameter 'execution_duration' supplied.`);
  return Math.round(Number(match[1]) * 1000);
}

// ── Predicates and ordering ───────────────────────────────────────────────────────────────────────────────────────

function experimentPredicate(clause: FilterClause): (experiment: StoredExperiment) => boolean {
  const { prefix, key, comparator, value } = clause;
  if (prefix === 'tag' || prefix === 'tags') {
    return (experiment) => matchString(experiment.tags.get(key), comparator, value);
  }
  if ((prefix === '' || prefix === 'attribute' || prefix === 'attributes') && key === 'name') {
    if (value.kind !== 'string') throw invalidParameter(`Invalid clause(s) in filter string: name`);
    return (experiment) => matchString(experiment.name, comparator, value);
  }
  if (
    (prefix === '' || prefix === 'attribute' || prefix === 'attributes') &&
    (key === 'creation_time' || key === 'last_update_time')
  ) {
    if (value.kind !== 'number') throw invalidParameter(`Invalid clause(s) in filter string: ${key}`);
    return (experiment) =>
      matchNumber(
        key === 'creation_time' ? experiment.creationTime : experiment.lastUpdateTime,
        comparator,
        value.value,
      );
  }
  const shown = value.kind === 'string' ? `'${value.value}'` : value.kind === 'number' ? value.text : '(...)';
  throw invalidParameter(
    `Invalid clause(s) in filter string: ${prefix ? `${prefix}.` : ''}${key}, ${comparator}, ${shown}`,
  );
}

function runPredicate(clause: FilterClause): (run: StoredRun) => boolean {
  const { prefix, key, comparator, value } = clause;
  switch (prefix) {
    case 'metric':
    case 'metrics':
      if (value.kind !== 'number') {
        throw invalidParameter(`Expected numeric value type for metric. Found ${JSON.stringify(value)}`);
      }
      if (!numericComparators.has(comparator)) {
        throw invalidParameter(
          `Invalid comparator '${comparator}' not one of '{'<', '<=', '>', '=', '!=', '>='}`,
        );
      }
      return (run) => matchNumber(run.latest.get(key)?.value, comparator, value.value);
    case 'param':
    case 'params':
    case 'parameter':
    case 'parameters':
      requireStringComparison('param', clause);
      return (run) => matchString(run.params.get(key), comparator, value);
    case 'tag':
    case 'tags':
      requireStringComparison('tag', clause);
      return (run) => matchString(run.tags.get(key), comparator, value);
    case 'dataset':
    case 'datasets':
      // Runs here have no dataset inputs.
      return () => false;
    case '':
    case 'attribute':
    case 'attributes':
    case 'attr':
    case 'run': {
      if (!runAttributeKeys.includes(key)) {
        throw invalidParameter(
          `Invalid attribute key '${key}' specified. Valid keys are '${runAttributeKeys}'`,
        );
      }
      if (key === 'start_time' || key === 'end_time') {
        if (value.kind !== 'number') throw invalidParameter(`Expected numeric value type for ${key}`);
        return (run) =>
          matchNumber(key === 'start_time' ? run.startTime : run.endTime, comparator, value.value);
      }
      if ((comparator === 'IN' || comparator === 'NOT IN') && key !== 'run_id') {
        throw invalidParameter(
          "Only the 'run_id' attribute supports comparison with a list of quoted string values.",
        );
      }
      if (value.kind === 'number')
        throw invalidParameter(`Expected a quoted string value for attributes. Got value ${value.text}`);
      const read = (run: StoredRun): string | undefined =>
        key === 'run_id'
          ? run.runId
          : key === 'run_name'
            ? run.runName
            : key === 'user_id'
              ? run.userId
              : key === 'status'
                ? run.status
                : key === 'artifact_uri'
                  ? run.artifactUri
                  : run.lifecycleStage;
      return (run) => matchString(read(run), comparator, value);
    }
    default:
      throw invalidParameter(
        `Invalid entity type '${prefix}'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']`,
      );
  }
}

function requireStringComparison(kind: string, clause: FilterClause): void {
  if (clause.value.kind === 'number') {
    throw invalidParameter(`Expected a quoted string value for ${kind}. Got value ${clause.value.text}`);
  }
  if (!stringComparators.has(clause.comparator)) {
    throw invalidParameter(
      `Invalid comparator '${clause.comparator}' not one of '{'=', '!=', 'LIKE', 'ILIKE'}'`,
    );
  }
}

function runComparator(entry: string): (a: StoredRun, b: StoredRun) => number {
  const { prefix, key, ascending } = parseOrderBy(entry);
  if (prefix === 'metric' || prefix === 'metrics') {
    return compareBy((run) => run.latest.get(key)?.value, ascending);
  }
  if (prefix === 'param' || prefix === 'params') return compareBy((run) => run.params.get(key), ascending);
  if (prefix === 'tag' || prefix === 'tags') return compareBy((run) => run.tags.get(key), ascending);
  if (!['', 'attribute', 'attributes', 'attr', 'run'].includes(prefix) || !runAttributeKeys.includes(key)) {
    throw invalidParameter(`Invalid order_by clause '${entry}'`);
  }
  return compareBy((run) => {
    switch (key) {
      case 'start_time':
        return run.startTime;
      case 'end_time':
        return run.endTime;
      case 'run_name':
        return run.runName;
      case 'status':
        return run.status;
      case 'user_id':
        return run.userId;
      default:
        return run.runId;
    }
  }, ascending);
}

function traceSortValue(key: string): (trace: StoredTrace) => string | number | undefined {
  switch (key) {
    case 'timestamp_ms':
      return (trace) => trace.timestampMs;
    case 'execution_time_ms':
      return (trace) => trace.executionMs;
    case 'status':
      return (trace) => trace.state;
    case 'name':
      return (trace) => trace.tags['mlflow.traceName'];
    case 'run_id':
      return (trace) => trace.metadata['mlflow.sourceRun'];
    case 'experiment_id':
      return (trace) => Number(trace.experimentId);
    default:
      return (trace) => trace.traceId;
  }
}

/** Sorts undefined last in either direction, like SQL NULLS LAST. */
function compareBy<T>(
  read: (item: T) => string | number | undefined,
  ascending: boolean,
): (a: T, b: T) => number {
  return (a, b) => {
    const left = read(a);
    const right = read(b);
    if (left === right) return 0;
    if (left === undefined) return 1;
    if (right === undefined) return -1;
    const order = left < right ? -1 : 1;
    return ascending ? order : -order;
  };
}

function chain<T>(comparators: Array<(a: T, b: T) => number>): (a: T, b: T) => number {
  return (a, b) => {
    for (const comparator of comparators) {
      const order = comparator(a, b);
      if (order !== 0) return order;
    }
    return 0;
  };
}

function compareTraces(a: StoredTrace, b: StoredTrace): number {
  return a.timestampMs - b.timestampMs || (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0);
}

/** The latest value of a metric is the greatest (step, timestamp, value). */
function compareMetrics(a: MetricPoint, b: MetricPoint): number {
  return a.step - b.step || a.timestamp - b.timestamp || (a.value > b.value ? 1 : a.value < b.value ? -1 : 0);
}

/** The first index whose item does not satisfy `before` (items satisfying it come first). */
function lowerBound<T>(list: T[], before: (item: T) => boolean): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(list[middle]!)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The timestamp range the AND-ed clauses allow, so time-bounded searches walk only that slice. */
function timestampBounds(clauses: FilterClause[]): { min: number; max: number } {
  let min = Number.NEGATIVE_INFINITY;
  let max = Number.POSITIVE_INFINITY;
  for (const clause of clauses) {
    if (!['', 'trace', 'attribute', 'attributes'].includes(clause.prefix)) continue;
    if (clause.key !== 'timestamp_ms' && clause.key !== 'timestamp') continue;
    if (clause.value.kind !== 'number') continue;
    const value = clause.value.value;
    if (clause.comparator === '>') min = Math.max(min, Math.floor(value) + 1);
    else if (clause.comparator === '>=') min = Math.max(min, Math.ceil(value));
    else if (clause.comparator === '<') max = Math.min(max, Math.ceil(value) - 1);
    else if (clause.comparator === '<=') max = Math.min(max, Math.floor(value));
    else if (clause.comparator === '=') {
      min = Math.max(min, value);
      max = Math.min(max, value);
    }
  }
  return { min, max };
}

// ── Request field readers ─────────────────────────────────────────────────────────────────────────────────────────

function parseMetric(raw: unknown, index: number): MetricPoint {
  const metric = asObject(raw);
  const key = stringField(metric, 'key');
  if (key === undefined) throw missingParameter(`metrics[${index}].key`);
  validateKey(key, `metrics[${index}].name`);
  if (metric.value === undefined || metric.value === null) throw missingParameter(`metrics[${index}].value`);
  const value = parseDouble(metric.value);
  if (value === undefined) {
    throw invalidParameter(
      `Invalid value ${JSON.stringify(metric.value)} for parameter 'metrics[${index}].value' supplied.`,
    );
  }
  const timestamp = integerField(metric, 'timestamp');
  if (timestamp === undefined) throw missingParameter(`metrics[${index}].timestamp`);
  const step = integerField(metric, 'step') ?? 0;
  const stored =
    value === Number.POSITIVE_INFINITY
      ? Number.MAX_VALUE
      : value === Number.NEGATIVE_INFINITY
        ? -Number.MAX_VALUE
        : value;
  return { key, value: stored, timestamp, step };
}

function parseDouble(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  const number = Number(value);
  return value.trim() === '' || Number.isNaN(number) ? undefined : number;
}

function validateKey(key: string, path: string): void {
  if (!validKey.test(key)) {
    throw invalidParameter(
      `Invalid value "${key}" for parameter '${path}' supplied: Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).`,
    );
  }
  if (key.length > 250) throw invalidParameter(`'${path}' exceeds the maximum length of 250 characters`);
  // posixpath.normpath must leave the name unchanged (validation.py path_not_unique).
  const segments = key.split('/');
  if (
    key === '' ||
    key.startsWith('/') ||
    key.endsWith('/') ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..')
  ) {
    throw invalidParameter(
      `Invalid value "${key}" for parameter '${path}' supplied: Names must be unchanged by path normalization.`,
    );
  }
}

function runIdOf(body: Json): string | undefined {
  return stringField(body, 'run_id') || stringField(body, 'run_uuid');
}

function asObject(value: unknown): Json {
  return isPlainObject(value) ? (value as Json) : {};
}

function isPlainObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function stringField(body: Json, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

function integerField(body: Json, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number))
    throw invalidParameter(`Invalid value ${JSON.stringify(value)} for parameter '${name}' supplied.`);
  return Math.trunc(number);
}

function stringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => String(item));
}

function keyValueList(value: unknown, path: string): Array<{ key: string; value: string }> {
  if (!Array.isArray(value)) return [];
  return value.map((item, index) => {
    const entry = asObject(item);
    const key = stringField(entry, 'key');
    if (key === undefined) throw missingParameter(`${path}[${index}].key`);
    return { key, value: stringField(entry, 'value') ?? '' };
  });
}

function stringMap(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(asObject(value))) {
    if (item !== undefined && item !== null)
      result[key] = typeof item === 'string' ? item : JSON.stringify(item);
  }
  return result;
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}
