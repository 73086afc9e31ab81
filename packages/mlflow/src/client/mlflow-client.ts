import {
  chunkLogBatch,
  type KeyValueInput,
  type LogBatchInput,
  type LogBatchRequest,
} from './chunk-log-batch.js';
import {
  type Assessment,
  assessmentResponse,
  createExperimentResponse,
  type Experiment,
  emptyResponse,
  type FileInfo,
  getExperimentResponse,
  getRunResponse,
  getTraceInfoResponse,
  listArtifactsResponse,
  type Metric,
  metricHistoryResponse,
  type Run,
  type RunInfo,
  searchExperimentsResponse,
  searchRunsResponse,
  searchTracesResponse,
  type TraceInfo,
  updateRunResponse,
} from './mlflow-schemas.js';
import { type MlflowClientOptions, MlflowTransport } from './mlflow-transport.js';

export type { MlflowClientOptions };

export interface CallOptions {
  signal?: AbortSignal;
}

export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

/** The largest traces/search page the server accepts (501 gives 400). */
export const maxTracesPageSize = 500;
/** MAX_RESULTS_GET_METRIC_HISTORY on the server. */
export const maxMetricHistoryPageSize = 25_000;

/**
 * A small typed client for the MLflow tracking REST API, on `fetch`: exactly the endpoints slokit needs (experiments,
 * runs, metric history, traces v3, assessments, artifacts). Responses are validated with lenient schemas; errors
 * are `ApiCallError`s whose messages name the endpoint and, for 401/403, the credential variables (never the
 * secret); retryable failures are retried with backoff. Reusable on its own:
 *
 * ```ts
 * const client = createMlflowClientFromEnv(process.env);
 * const experiment = await client.getExperimentByName('support-bot-prod');
 * const { items } = await client.searchTraces({ experimentIds: [experiment!.experiment_id], maxResults: 50 });
 * ```
 */
export class MlflowClient {
  readonly trackingUri: string;
  private readonly transport: MlflowTransport;

  constructor(options: MlflowClientOptions) {
    this.transport = new MlflowTransport(options);
    this.trackingUri = this.transport.trackingUri;
  }

  // ── Experiments ──────────────────────────────────────────────────────────────────────────────────────────────

  /** GET experiments/get-by-name; undefined when no experiment has the name. */
  async getExperimentByName(name: string, options: CallOptions = {}): Promise<Experiment | undefined> {
    const response = await this.transport.find({
      method: 'GET',
      path: '/api/2.0/mlflow/experiments/get-by-name',
      query: { experiment_name: name },
      schema: getExperimentResponse,
      idempotent: true,
      signal: options.signal,
    });
    return response?.experiment;
  }

  /** GET experiments/get; undefined when the id does not exist. */
  async getExperiment(experimentId: string, options: CallOptions = {}): Promise<Experiment | undefined> {
    const response = await this.transport.find({
      method: 'GET',
      path: '/api/2.0/mlflow/experiments/get',
      query: { experiment_id: experimentId },
      schema: getExperimentResponse,
      idempotent: true,
      signal: options.signal,
    });
    return response?.experiment;
  }

  /** POST experiments/search. `max_results` is always sent: without it a 3.6 server answers 400. */
  async searchExperiments(
    search: {
      filter?: string;
      orderBy?: string[];
      maxResults?: number;
      viewType?: ViewType;
      pageToken?: string;
    } = {},
    options: CallOptions = {},
  ): Promise<Page<Experiment>> {
    const response = await this.transport.request({
      method: 'POST',
      path: '/api/2.0/mlflow/experiments/search',
      body: {
        max_results: search.maxResults ?? 1000,
        filter: search.filter,
        order_by: search.orderBy,
        view_type: search.viewType,
        page_token: search.pageToken,
      },
      schema: searchExperimentsResponse,
      idempotent: true,
      signal: options.signal,
    });
    return page(response.experiments, response.next_page_token);
  }

  /** POST experiments/create; the new experiment id. A taken name is a 400 RESOURCE_ALREADY_EXISTS. */
  async createExperiment(
    experiment: { name: string; tags?: readonly KeyValueInput[]; artifactLocation?: string },
    options: CallOptions = {},
  ): Promise<string> {
    const response = await this.transport.request({
      method: 'POST',
      path: '/api/2.0/mlflow/experiments/create',
      body: { name: experiment.name, tags: experiment.tags, artifact_location: experiment.artifactLocation },
      schema: createExperimentResponse,
      idempotent: false,
      signal: options.signal,
    });
    return response.experiment_id;
  }

  // ── Runs ─────────────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * POST runs/search. Filter grammar: `metrics."correctness/mean" > 0.9 and attributes.status = 'FINISHED'` (AND only;
   * keys with `/`, `-` or spaces in double quotes or backticks). A full page always carries a token, even when
   * nothing is left: use `searchAllRuns` to page.
   */
  async searchRuns(
    search: {
      experimentIds: readonly string[];
      filter?: string;
      orderBy?: readonly string[];
      maxResults?: number;
      runViewType?: ViewType;
      pageToken?: string;
    },
    options: CallOptions = {},
  ): Promise<Page<Run>> {
    const response = await this.transport.request({
      method: 'POST',
      path: '/api/2.0/mlflow/runs/search',
      body: {
        experiment_ids: search.experimentIds,
        filter: search.filter,
        order_by: search.orderBy,
        max_results: search.maxResults ?? 1000,
        run_view_type: search.runViewType,
        page_token: search.pageToken,
      },
      schema: searchRunsResponse,
      idempotent: true,
      signal: options.signal,
    });
    return page(response.runs, response.next_page_token);
  }

  /** Every page of a runs search, until a page comes back empty or without a token. */
  async *searchAllRuns(
    search: Omit<Parameters<MlflowClient['searchRuns']>[0], 'pageToken'>,
    options: CallOptions = {},
  ): AsyncGenerator<Run[]> {
    let pageToken: string | undefined;
    do {
      const result = await this.searchRuns({ ...search, ...(pageToken ? { pageToken } : {}) }, options);
      if (result.items.length === 0) return;
      yield result.items;
      pageToken = result.nextPageToken;
    } while (pageToken);
  }

  /** GET runs/get. `data.metrics` holds only the latest value of each metric. */
  async getRun(runId: string, options: CallOptions = {}): Promise<Run> {
    const response = await this.transport.request({
      method: 'GET',
      path: '/api/2.0/mlflow/runs/get',
      query: { run_id: runId },
      schema: getRunResponse,
      idempotent: true,
      signal: options.signal,
    });
    return response.run;
  }

  /** POST runs/create; the new run (status RUNNING, with the `mlflow.runName` tag the server adds). */
  async createRun(
    run: { experimentId: string; runName?: string; startTime?: number; tags?: readonly KeyValueInput[] },
    options: CallOptions = {},
  ): Promise<Run> {
    const response = await this.transport.request({
      method: 'POST',
      path: '/api/2.0/mlflow/runs/create',
      body: {
        experiment_id: run.experimentId,
        run_name: run.runName,
        start_time: run.startTime ?? Date.now(),
        tags: run.tags,
      },
      schema: getRunResponse,
      idempotent: false,
      signal: options.signal,
    });
    return response.run;
  }

  /**
   * POST runs/log-batch, split into as many requests as the limits need (1000 metrics, 100 params, 100 tags,
   * 1000 entities, 1 MB each). Metrics append (a retry could log a point twice), so batches with metrics are only
   * retried when the server surely did not process them. Resolves to the number of requests sent.
   */
  async logBatch(runId: string, batch: LogBatchInput, options: CallOptions = {}): Promise<number> {
    const requests = chunkLogBatch(batch);
    for (const request of requests) {
      await this.transport.request({
        method: 'POST',
        path: '/api/2.0/mlflow/runs/log-batch',
        body: { run_id: runId, ...omitEmptyLists(request) },
        schema: emptyResponse,
        idempotent: request.metrics.length === 0,
        signal: options.signal,
      });
    }
    return requests.length;
  }

  /** POST runs/set-tag. The server cuts values longer than 8000 characters. */
  async setTag(runId: string, key: string, value: string, options: CallOptions = {}): Promise<void> {
    await this.transport.request({
      method: 'POST',
      path: '/api/2.0/mlflow/runs/set-tag',
      body: { run_id: runId, key, value },
      schema: emptyResponse,
      idempotent: true,
      signal: options.signal,
    });
  }

  /** POST runs/update. An unknown status is silently ignored by the server, so only valid ones are typed. */
  async updateRun(
    update: { runId: string; status?: RunStatus; endTime?: number; runName?: string },
    options: CallOptions = {},
  ): Promise<RunInfo | undefined> {
    const response = await this.transport.request({
      method: 'POST',
      path: '/api/2.0/mlflow/runs/update',
      body: {
        run_id: update.runId,
        status: update.status,
        end_time: update.endTime,
        run_name: update.runName,
      },
      schema: updateRunResponse,
      idempotent: true,
      signal: options.signal,
    });
    return response.run_info;
  }

  /**
   * GET metrics/get-history. `max_results` is always sent (default and cap 25000): without it MLflow answers an
   * empty page with a token.
   */
  async getMetricHistory(
    query: { runId: string; metricKey: string; maxResults?: number; pageToken?: string },
    options: CallOptions = {},
  ): Promise<Page<Metric>> {
    const response = await this.transport.request({
      method: 'GET',
      path: '/api/2.0/mlflow/metrics/get-history',
      query: {
        run_id: query.runId,
        metric_key: query.metricKey,
        max_results: Math.min(query.maxResults ?? maxMetricHistoryPageSize, maxMetricHistoryPageSize),
        page_token: query.pageToken,
      },
      schema: metricHistoryResponse,
      idempotent: true,
      signal: options.signal,
    });
    return page(response.metrics, response.next_page_token);
  }

  /** The whole history of one metric, ordered by (step, timestamp). */
  async getFullMetricHistory(runId: string, metricKey: string, options: CallOptions = {}): Promise<Metric[]> {
    const points: Metric[] = [];
    let pageToken: string | undefined;
    do {
      const result = await this.getMetricHistory(
        { runId, metricKey, ...(pageToken ? { pageToken } : {}) },
        options,
      );
      if (result.items.length === 0) break;
      points.push(...result.items);
      pageToken = result.nextPageToken;
    } while (pageToken);
    return points;
  }

  // ── Traces and assessments (MLflow 3) ────────────────────────────────────────────────────────────────────────

  /**
   * POST /api/3.0/mlflow/traces/search over experiment locations. `maxResults` defaults to 100 and is capped at 500.
   * Filters: `trace.status = 'ERROR'`, `trace.timestamp_ms > 1700000000000`, `tags.env = 'prod'`,
   * ``metadata.`mlflow.sourceRun` = '<run>'``, `trace.run_id = '<run>'`, `feedback.correctness = 'true'`.
   * Results include each trace's assessments. A full page always carries a token.
   */
  async searchTraces(
    search: {
      experimentIds: readonly string[];
      filter?: string;
      orderBy?: readonly string[];
      maxResults?: number;
      pageToken?: string;
    },
    options: CallOptions = {},
  ): Promise<Page<TraceInfo>> {
    const response = await this.transport.request({
      method: 'POST',
      path: '/api/3.0/mlflow/traces/search',
      body: {
        locations: search.experimentIds.map((experimentId) => ({
          type: 'MLFLOW_EXPERIMENT',
          mlflow_experiment: { experiment_id: experimentId },
        })),
        filter: search.filter,
        order_by: search.orderBy,
        max_results: Math.min(search.maxResults ?? 100, maxTracesPageSize),
        page_token: search.pageToken,
      },
      schema: searchTracesResponse,
      idempotent: true,
      signal: options.signal,
    });
    return page(response.traces, response.next_page_token);
  }

  /** GET /api/3.0/mlflow/traces/{id}: the trace info with its assessments; undefined when unknown. */
  async getTraceInfo(traceId: string, options: CallOptions = {}): Promise<TraceInfo | undefined> {
    const response = await this.transport.find({
      method: 'GET',
      path: `/api/3.0/mlflow/traces/${encodeURIComponent(traceId)}`,
      schema: getTraceInfoResponse,
      idempotent: true,
      signal: options.signal,
    });
    return response?.trace.trace_info;
  }

  /**
   * POST /api/3.0/mlflow/traces (StartTraceV3): logs a finished trace's info (no spans). The server keeps the
   * given `trace_id` and adds its location tags.
   */
  async startTrace(traceInfo: TraceInfo, options: CallOptions = {}): Promise<TraceInfo> {
    const response = await this.transport.request({
      method: 'POST',
      path: '/api/3.0/mlflow/traces',
      body: { trace: { trace_info: traceInfo } },
      schema: getTraceInfoResponse,
      idempotent: true,
      signal: options.signal,
    });
    return response.trace.trace_info;
  }

  /** POST /api/2.0/mlflow/traces/link-to-run: associates traces with a run (`trace.run_id` filters find them). */
  async linkTracesToRun(
    runId: string,
    traceIds: readonly string[],
    options: CallOptions = {},
  ): Promise<void> {
    await this.transport.request({
      method: 'POST',
      path: '/api/2.0/mlflow/traces/link-to-run',
      body: { run_id: runId, trace_ids: traceIds },
      schema: emptyResponse,
      idempotent: true,
      signal: options.signal,
    });
  }

  /** POST /api/3.0/mlflow/traces/{id}/assessments: a Feedback (`feedback: {value}`) or an Expectation. */
  async createAssessment(
    traceId: string,
    assessment: Omit<Assessment, 'assessment_id' | 'trace_id'>,
    options: CallOptions = {},
  ): Promise<Assessment> {
    const response = await this.transport.request({
      method: 'POST',
      path: `/api/3.0/mlflow/traces/${encodeURIComponent(traceId)}/assessments`,
      body: { assessment: { ...assessment, trace_id: traceId } },
      schema: assessmentResponse,
      idempotent: false,
      signal: options.signal,
    });
    return response.assessment;
  }

  /** GET /api/3.0/mlflow/traces/{id}/assessments/{assessment_id}. */
  async getAssessment(traceId: string, assessmentId: string, options: CallOptions = {}): Promise<Assessment> {
    const response = await this.transport.request({
      method: 'GET',
      path: `/api/3.0/mlflow/traces/${encodeURIComponent(traceId)}/assessments/${encodeURIComponent(assessmentId)}`,
      schema: assessmentResponse,
      idempotent: true,
      signal: options.signal,
    });
    return response.assessment;
  }

  // ── Artifacts ────────────────────────────────────────────────────────────────────────────────────────────────

  /** GET artifacts/list: the files and directories directly under `path` of a run's artifacts. */
  async listArtifacts(
    query: { runId: string; path?: string; pageToken?: string },
    options: CallOptions = {},
  ): Promise<Page<FileInfo> & { rootUri?: string }> {
    const response = await this.transport.request({
      method: 'GET',
      path: '/api/2.0/mlflow/artifacts/list',
      query: { run_id: query.runId, path: query.path, page_token: query.pageToken },
      schema: listArtifactsResponse,
      idempotent: true,
      signal: options.signal,
    });
    return {
      ...page(response.files, response.next_page_token),
      ...(response.root_uri === undefined ? {} : { rootUri: response.root_uri }),
    };
  }

  /** GET /get-artifact: a run artifact's bytes (works whether or not the server proxies artifacts). */
  async downloadArtifact(runId: string, path: string, options: CallOptions = {}): Promise<Buffer> {
    return this.transport.download('/get-artifact', { run_uuid: runId, path }, options.signal);
  }

  /**
   * PUT /api/2.0/mlflow-artifacts/artifacts/...: uploads a file into a run's artifacts through a server that proxies
   * artifacts (the run's `artifact_uri` starts with `mlflow-artifacts:`). Throws for other artifact stores, which
   * clients write to directly.
   */
  async uploadArtifact(
    artifactUri: string,
    path: string,
    content: Buffer | string,
    options: CallOptions = {},
  ): Promise<void> {
    const relative = proxiedArtifactPath(artifactUri);
    if (relative === undefined) {
      throw new TypeError(
        `artifact_uri '${artifactUri}' is not served by the tracking server (mlflow-artifacts:)`,
      );
    }
    const target = [relative, path]
      .join('/')
      .split('/')
      .filter(Boolean)
      .map((segment) => encodeURIComponent(segment))
      .join('/');
    await this.transport.request({
      method: 'PUT',
      path: `/api/2.0/mlflow-artifacts/artifacts/${target}`,
      rawBody: content,
      schema: emptyResponse,
      idempotent: true,
      signal: options.signal,
    });
  }
}

/** The path under the proxied artifact root for a `mlflow-artifacts:/...` or `mlflow-artifacts://host/...` URI. */
export function proxiedArtifactPath(artifactUri: string): string | undefined {
  const match = /^mlflow-artifacts:(?:\/\/[^/]*)?\/?(.*)$/.exec(artifactUri);
  return match ? match[1]!.replace(/\/+$/, '') : undefined;
}

function page<T>(items: T[] | undefined, nextPageToken: string | undefined): Page<T> {
  return { items: items ?? [], ...(nextPageToken ? { nextPageToken } : {}) };
}

function omitEmptyLists(request: LogBatchRequest): Partial<LogBatchRequest> {
  return Object.fromEntries(Object.entries(request).filter(([, list]) => list.length > 0));
}
