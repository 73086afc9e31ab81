import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EvalRecord } from '@slokit/core';
import { generateSupportBotTraffic, type SupportBotTrafficOptions } from '../support-bot-traffic.js';
import { MlflowApiError } from './emulator-error.js';
import { FaultInjector, faultResponse, type MlflowEmulatorFault } from './emulator-faults.js';
import {
  assessmentJson,
  EmulatorStore,
  experimentJson,
  runInfoJson,
  runJson,
  type StoredRun,
  traceInfoJson,
} from './emulator-store.js';
import { recordToTrace, type TraceSeedOptions } from './records-to-traces.js';
import { methodNotAllowedPage, notFoundPage } from './werkzeug-pages.js';

export interface MlflowEmulatorAuth {
  /** Accepted `Authorization: Bearer <token>` tokens (MLFLOW_TRACKING_TOKEN, a Databricks PAT). */
  tokens?: string[];
  /** Accepted `Authorization: Basic` users (MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD). */
  users?: Array<{ username: string; password: string }>;
  /** Tokens or usernames that authenticate but may access nothing: 403 PERMISSION_DENIED. */
  forbidden?: string[];
}

export interface MlflowEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seeds run, trace and assessment ids and random run names. Default 42. */
  seed?: string | number;
  faults?: readonly MlflowEmulatorFault[];
  /** When set, every API request needs one of these credentials (401 UNAUTHENTICATED otherwise). */
  auth?: MlflowEmulatorAuth;
  /**
   * Where experiments keep artifacts. `mlflow-artifacts:` (the default) is a server that proxies artifacts
   * (`mlflow server` with `--serve-artifacts`); a plain path such as `/srv/mlflow/artifacts` is one that does not,
   * whose `/api/2.0/mlflow-artifacts/...` routes answer 503.
   */
  artifactRoot?: string;
  /** The server clock (creation times, default assessment times). */
  now?: () => number;
  /** What `GET /version` answers. Default `3.6.1.dev0`, the version the reference recordings come from. */
  version?: string;
  /** Keep every request in `requests` (default true). */
  logRequests?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SeedRunOptions {
  experimentId: string;
  name?: string;
  status?: 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
  startTime?: number;
  endTime?: number;
  /** One value, or a history logged at steps 0, 1, ...; `NaN` is logged as MLflow's "NaN". */
  metrics?: Record<string, number | number[]>;
  params?: Record<string, string>;
  tags?: Record<string, string>;
}

export interface MlflowEmulator {
  /** Base URL, the value for MLFLOW_TRACKING_URI: `http://127.0.0.1:<port>`. */
  url: string;
  store: EmulatorStore;
  /** Every request received, in order (when `logRequests` is on). */
  requests: RecordedRequest[];
  addFault(fault: MlflowEmulatorFault): void;
  clearFaults(): void;
  createExperiment(name: string, tags?: Record<string, string>): string;
  /** Stores records as traces (see `recordToTrace`), straight into the store; returns their trace ids. */
  addTraces(experimentId: string, records: Iterable<EvalRecord>, options?: TraceSeedOptions): string[];
  /** Generates support-bot traffic with `@slokit/testkit` and stores it as traces in a new (or existing) experiment. */
  seedSupportBotTraffic(options: SupportBotTrafficOptions & { experiment: string } & TraceSeedOptions): {
    experimentId: string;
    count: number;
  };
  /** Creates a run with metrics, params and tags, as a finished `mlflow.genai.evaluate` would leave it. */
  addRun(options: SeedRunOptions): string;
  addArtifact(runId: string, path: string, content: string | Buffer): void;
  /** Everything stored and every request received (without Authorization headers), as text. */
  dump(): string;
  stop(): Promise<void>;
}

type Handler = (request: ParsedRequest) => Reply | Promise<Reply>;

interface ParsedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  json: Record<string, unknown>;
  params: string[];
}

type Reply =
  | { status: number; json: unknown }
  | { status: number; text: string; contentType: string }
  | { status: number; bytes: Buffer; contentType: string };

interface Route {
  pattern: RegExp;
  methods: Partial<Record<string, Handler>>;
  /** Whether POST/PATCH bodies must be JSON (every MLflow API route but the artifact upload). */
  json: boolean;
}

/**
 * Starts a local emulator of the MLflow 3.6 tracking REST API (experiments, runs, metrics, artifacts, traces v3,
 * assessments), faithful to the reference notes and the recorded real responses: `{error_code, message}` errors
 * with MLflow's statuses, Content-Type required on POST, omitted empty fields, a page token on every full
 * runs/traces page, "NaN" metric strings, 8000-char tag truncation, log-batch limits, immutable params. Faults and
 * auth as configured.
 */
export async function startMlflowEmulator(options: MlflowEmulatorOptions = {}): Promise<MlflowEmulator> {
  const now = options.now ?? Date.now;
  const store = new EmulatorStore({
    seed: options.seed ?? 42,
    artifactRoot: options.artifactRoot ?? 'mlflow-artifacts:',
    now,
  });
  const faults = new FaultInjector(options.faults);
  const requests: RecordedRequest[] = [];
  const routes = buildRoutes(store, options.version ?? '3.6.1.dev0');

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, { status: 500, json: internalError(error) });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://emulator');
    const method = (request.method ?? 'GET').toUpperCase();
    const raw = await readBody(request);
    if (options.logRequests ?? true) {
      requests.push({
        method,
        path: url.pathname,
        query: queryObject(url.searchParams),
        headers: request.headers,
        body: raw.toString('utf8'),
      });
    }
    const fault = faults.next(method, url.pathname);
    if (fault?.kind === 'status' || fault?.kind === 'rate-limit') {
      const { status, headers, body } = faultResponse(fault);
      response.writeHead(status, headers).end(body);
      return;
    }
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 2000));
    if (response.destroyed) return;

    const reply = await route(method, url, request.headers, raw);
    if (fault?.kind === 'truncate' || fault?.kind === 'reset') {
      const body = replyBytes(reply);
      const cut = body.subarray(0, Math.floor(body.length / 2));
      if (fault.kind === 'truncate') {
        response.writeHead(reply.status, {
          'content-type': replyContentType(reply),
          'content-length': cut.length,
        });
        response.end(cut);
      } else {
        response.writeHead(reply.status, {
          'content-type': replyContentType(reply),
          'content-length': body.length,
        });
        response.write(cut, () => response.socket?.destroy());
      }
      return;
    }
    send(response, reply);
  }

  async function route(method: string, url: URL, headers: IncomingHttpHeaders, raw: Buffer): Promise<Reply> {
    const path = url.pathname;
    const isApi = path.startsWith('/api/') || path === '/get-artifact';
    if (isApi && options.auth) {
      const denied = authenticate(headers.authorization, options.auth);
      if (denied) return denied;
    }
    for (const candidate of routes) {
      const match = candidate.pattern.exec(path);
      if (!match) continue;
      const handler = candidate.methods[method];
      if (!handler)
        return { status: 405, text: methodNotAllowedPage, contentType: 'text/html; charset=utf-8' };
      let json: Record<string, unknown> = {};
      if (candidate.json && (method === 'POST' || method === 'PATCH')) {
        const contentType = headers['content-type'];
        if (contentType === undefined) {
          return errorReply('INVALID_PARAMETER_VALUE', 'Bad Request. Content-Type header is missing.');
        }
        if (contentType.split(';')[0]!.trim().toLowerCase() !== 'application/json') {
          return errorReply(
            'INVALID_PARAMETER_VALUE',
            "Bad Request. Content-Type must be one of ['application/json'].",
          );
        }
        json = parseJsonBody(raw);
      } else if (method === 'GET' || method === 'DELETE') {
        json = queryObject(url.searchParams);
      }
      try {
        return await handler({
          method,
          path,
          query: url.searchParams,
          headers,
          raw,
          json,
          params: match.slice(1).map((part) => decodeURIComponent(part)),
        });
      } catch (error) {
        if (error instanceof MlflowApiError) {
          return { status: error.status, json: { error_code: error.errorCode, message: error.message } };
        }
        throw error;
      }
    }
    return { status: 404, text: notFoundPage, contentType: 'text/html; charset=utf-8' };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

  const emulator: MlflowEmulator = {
    url,
    store,
    requests,
    addFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    createExperiment: (name, tags = {}) =>
      store.createExperiment({ name, tags: Object.entries(tags).map(([key, value]) => ({ key, value })) }),
    addTraces(experimentId, records, seedOptions = {}) {
      store.getExperiment(experimentId);
      const ids: string[] = [];
      for (const record of records) {
        const trace = recordToTrace(record, experimentId, store.ids, seedOptions);
        store.insertTrace(trace);
        ids.push(trace.traceId);
      }
      return ids;
    },
    seedSupportBotTraffic({ experiment, costMetadata, previews, traceName, sourceRun, ...traffic }) {
      const experimentId = findOrCreateExperiment(store, experiment);
      let count = 0;
      for (const record of generateSupportBotTraffic(traffic)) {
        store.insertTrace(
          recordToTrace(record, experimentId, store.ids, {
            ...(costMetadata === undefined ? {} : { costMetadata }),
            ...(previews === undefined ? {} : { previews }),
            ...(traceName === undefined ? {} : { traceName }),
            ...(sourceRun === undefined ? {} : { sourceRun }),
          }),
        );
        count++;
      }
      return { experimentId, count };
    },
    addRun(seed) {
      const run = store.createRun({
        experiment_id: seed.experimentId,
        run_name: seed.name,
        start_time: seed.startTime ?? now(),
        tags: Object.entries(seed.tags ?? {}).map(([key, value]) => ({ key, value })),
      });
      const timestamp = seed.endTime ?? seed.startTime ?? now();
      const metrics = Object.entries(seed.metrics ?? {}).flatMap(([key, value]) =>
        (Array.isArray(value) ? value : [value]).map((point, step) => ({
          key,
          value: Number.isNaN(point) ? 'NaN' : point,
          timestamp,
          step,
        })),
      );
      const params = Object.entries(seed.params ?? {}).map(([key, value]) => ({ key, value }));
      for (let index = 0; index < Math.max(metrics.length, params.length); index += 100) {
        const batch = {
          run_id: run.runId,
          metrics: metrics.slice(index, index + 100),
          params: params.slice(index, index + 100),
        };
        store.logBatch(batch, 0);
      }
      store.updateRun({ run_id: run.runId, status: seed.status ?? 'FINISHED', end_time: seed.endTime });
      return run.runId;
    },
    addArtifact(runId, path, content) {
      store.putArtifact(
        store.getRun(runId),
        path,
        typeof content === 'string' ? Buffer.from(content) : content,
      );
    },
    dump: () => dumpState(store, requests),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  return emulator;
}

function buildRoutes(store: EmulatorStore, version: string): Route[] {
  const api2 = (path: string) => new RegExp(`^/api/2\\.0/mlflow/${path}$`);
  const api3 = (path: string) => new RegExp(`^/api/3\\.0/mlflow/${path}$`);
  const ok = (json: unknown = {}): Reply => ({ status: 200, json });
  const routes: Route[] = [
    {
      pattern: /^\/health$/,
      json: false,
      methods: { GET: () => ({ status: 200, text: 'OK', contentType: 'text/html; charset=utf-8' }) },
    },
    {
      pattern: /^\/version$/,
      json: false,
      methods: { GET: () => ({ status: 200, text: version, contentType: 'text/html; charset=utf-8' }) },
    },
    {
      pattern: api2('experiments/get-by-name'),
      json: true,
      methods: {
        GET: (request) =>
          ok({
            experiment: experimentJson(
              store.getExperimentByName(request.query.get('experiment_name') ?? undefined),
            ),
          }),
      },
    },
    {
      pattern: api2('experiments/get'),
      json: true,
      methods: {
        GET: (request) =>
          ok({
            experiment: experimentJson(store.getExperiment(request.query.get('experiment_id') ?? undefined)),
          }),
      },
    },
    {
      pattern: api2('experiments/search'),
      json: true,
      methods: {
        POST: (request) => ok(store.searchExperiments(request.json)),
        GET: (request) =>
          ok(
            store.searchExperiments({
              ...request.json,
              order_by: request.query.getAll('order_by'),
            }),
          ),
      },
    },
    {
      pattern: api2('experiments/create'),
      json: true,
      methods: { POST: (request) => ok({ experiment_id: store.createExperiment(request.json) }) },
    },
    {
      pattern: api2('experiments/set-experiment-tag'),
      json: true,
      methods: {
        POST: (request) => {
          store.setExperimentTag(request.json);
          return ok();
        },
      },
    },
    {
      pattern: api2('runs/create'),
      json: true,
      methods: { POST: (request) => ok({ run: runJson(store.createRun(request.json), false) }) },
    },
    {
      pattern: api2('runs/get'),
      json: true,
      methods: {
        GET: (request) =>
          ok({
            run: runJson(
              store.getRun(request.query.get('run_id') ?? request.query.get('run_uuid') ?? undefined),
              true,
            ),
          }),
      },
    },
    {
      pattern: api2('runs/search'),
      json: true,
      methods: { POST: (request) => ok(store.searchRuns(request.json)) },
    },
    {
      pattern: api2('runs/log-batch'),
      json: true,
      methods: {
        POST: (request) => {
          store.logBatch(request.json, request.raw.length);
          return ok();
        },
      },
    },
    {
      pattern: api2('runs/log-metric'),
      json: true,
      methods: {
        POST: (request) => {
          const { run_id, run_uuid, ...metric } = request.json;
          store.logBatch({ run_id: run_id ?? run_uuid, metrics: [metric] }, request.raw.length);
          return ok();
        },
      },
    },
    {
      pattern: api2('runs/log-parameter'),
      json: true,
      methods: {
        POST: (request) => {
          const { run_id, run_uuid, ...param } = request.json;
          store.logBatch({ run_id: run_id ?? run_uuid, params: [param] }, request.raw.length);
          return ok();
        },
      },
    },
    {
      pattern: api2('runs/set-tag'),
      json: true,
      methods: {
        POST: (request) => {
          store.setTag(request.json);
          return ok();
        },
      },
    },
    {
      pattern: api2('runs/delete-tag'),
      json: true,
      methods: {
        POST: (request) => {
          store.deleteTag(request.json);
          return ok();
        },
      },
    },
    {
      pattern: api2('runs/update'),
      json: true,
      methods: { POST: (request) => ok({ run_info: runInfoJson(store.updateRun(request.json)) }) },
    },
    {
      pattern: api2('metrics/get-history'),
      json: true,
      methods: { GET: (request) => ok(store.getMetricHistory(request.query)) },
    },
    {
      pattern: api2('artifacts/list'),
      json: true,
      methods: { GET: (request) => ok(store.listArtifacts(request.query)) },
    },
    {
      pattern: /^\/get-artifact$/,
      json: false,
      methods: {
        GET: (request) => ({
          status: 200,
          bytes: store.getArtifact(
            request.query.get('run_uuid') ?? request.query.get('run_id') ?? undefined,
            request.query.get('path') ?? undefined,
          ),
          contentType: 'application/octet-stream',
        }),
      },
    },
    {
      pattern: /^\/api\/2\.0\/mlflow-artifacts\/artifacts\/(.+)$/,
      json: false,
      methods: {
        GET: (request) => {
          const content = proxiedArtifacts(store).get(`mlflow-artifacts:/${request.params[0]}`);
          if (!content) {
            return errorReply('RESOURCE_DOES_NOT_EXIST', `File ${request.params[0]} does not exist`);
          }
          return { status: 200, bytes: content, contentType: 'application/octet-stream' };
        },
        PUT: (request) => {
          proxiedArtifacts(store).set(`mlflow-artifacts:/${request.params[0]}`, request.raw);
          return ok();
        },
      },
    },
    {
      pattern: api2('traces/link-to-run'),
      json: true,
      methods: {
        POST: (request) => {
          store.linkTracesToRun(request.json);
          return ok();
        },
      },
    },
    {
      pattern: api2('traces'),
      json: true,
      methods: { GET: (request) => ok(store.searchTracesV2(request.query)) },
    },
    {
      pattern: api3('traces'),
      json: true,
      methods: {
        POST: (request) =>
          ok({ trace: { trace_info: traceInfoJson(store.startTrace(request.json), false) } }),
      },
    },
    {
      pattern: api3('traces/search'),
      json: true,
      methods: {
        POST: (request) => ({
          status: 200,
          text: store.searchTraces(request.json),
          contentType: 'application/json',
        }),
      },
    },
    {
      pattern: api3('traces/get'),
      json: true,
      methods: {
        GET: (request) => {
          const traceId = request.query.get('trace_id') ?? '';
          store.getTrace(traceId);
          return errorReply(
            'RESOURCE_DOES_NOT_EXIST',
            `Trace with ID ${traceId} is not fully exported yet, please try again later.`,
          );
        },
      },
    },
    {
      pattern: api3('traces/([^/]+)/assessments'),
      json: true,
      methods: {
        POST: (request) =>
          ok({ assessment: assessmentJson(store.createAssessment(request.params[0]!, request.json)) }),
      },
    },
    {
      pattern: api3('traces/([^/]+)/assessments/([^/]+)'),
      json: true,
      methods: {
        GET: (request) =>
          ok({ assessment: assessmentJson(store.getAssessment(request.params[0]!, request.params[1]!)) }),
        PATCH: (request) =>
          ok({
            assessment: assessmentJson(
              store.updateAssessment(request.params[0]!, request.params[1]!, request.json),
            ),
          }),
        DELETE: (request) => {
          store.deleteAssessment(request.params[0]!, request.params[1]!);
          return ok();
        },
      },
    },
    {
      pattern: api3('traces/([^/]+)/tags'),
      json: true,
      methods: {
        PATCH: (request) => {
          store.setTraceTag(request.params[0]!, request.json);
          return ok();
        },
        DELETE: (request) => {
          store.deleteTraceTag(request.params[0]!, request.query.get('key'));
          return ok();
        },
      },
    },
    {
      pattern: api3('traces/([^/]+)'),
      json: true,
      methods: {
        GET: (request) =>
          ok({ trace: { trace_info: traceInfoJson(store.getTrace(request.params[0]!), true) } }),
      },
    },
  ];
  return routes;
}

/** The proxied-artifact routes answer 503 on a server that does not serve artifacts (`--no-serve-artifacts`). */
function proxiedArtifacts(store: EmulatorStore): Map<string, Buffer> {
  if (!store.proxiesArtifacts) {
    throw new MlflowApiError(
      'TEMPORARILY_UNAVAILABLE',
      'Endpoint: /api/2.0/mlflow-artifacts/artifacts disabled due to the mlflow server running with `--no-serve-artifacts`. To enable artifacts server functionality, run `mlflow server` with `--serve-artifacts`',
    );
  }
  return store.artifacts;
}

function authenticate(header: string | undefined, auth: MlflowEmulatorAuth): Reply | undefined {
  const unauthenticated = errorReply(
    'UNAUTHENTICATED',
    'You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate.',
  );
  if (header === undefined) return unauthenticated;
  let principal: string | undefined;
  const bearer = /^Bearer\s+(.+)$/i.exec(header);
  const basic = /^Basic\s+(.+)$/i.exec(header);
  if (bearer && auth.tokens?.includes(bearer[1]!)) principal = bearer[1]!;
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const username = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    if (auth.users?.some((user) => user.username === username && user.password === password))
      principal = username;
  }
  if (principal === undefined) return unauthenticated;
  if (auth.forbidden?.includes(principal)) return errorReply('PERMISSION_DENIED', 'Permission denied');
  return undefined;
}

function errorReply(code: ConstructorParameters<typeof MlflowApiError>[0], message: string): Reply {
  const error = new MlflowApiError(code, message);
  return { status: error.status, json: { error_code: error.errorCode, message } };
}

function internalError(error: unknown): unknown {
  return { error_code: 'INTERNAL_ERROR', message: (error as Error)?.message ?? String(error) };
}

/** An invalid JSON body is treated as an empty request, as the real server does. */
function parseJsonBody(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    result[key] = values.length === 1 ? values[0]! : values;
  }
  return result;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function replyBytes(reply: Reply): Buffer {
  if ('json' in reply) return Buffer.from(JSON.stringify(reply.json));
  if ('text' in reply) return Buffer.from(reply.text);
  return reply.bytes;
}

function replyContentType(reply: Reply): string {
  return 'json' in reply ? 'application/json' : reply.contentType;
}

function send(response: ServerResponse, reply: Reply): void {
  const body = replyBytes(reply);
  response.writeHead(reply.status, {
    'content-type': replyContentType(reply),
    'content-length': body.length,
  });
  response.end(body);
}

function findOrCreateExperiment(store: EmulatorStore, name: string): string {
  for (const experiment of store.experiments.values())
    if (experiment.name === name) return experiment.experimentId;
  return store.createExperiment({ name });
}

function dumpState(store: EmulatorStore, requests: RecordedRequest[]): string {
  const runs = [...store.runs.values()].map((run: StoredRun) => ({
    ...runJson(run, true),
    history: Object.fromEntries(run.history),
  }));
  return JSON.stringify({
    experiments: [...store.experiments.values()].map((experiment) => experimentJson(experiment)),
    runs,
    traces: [...store.traces.values()].map((trace) => traceInfoJson(trace, true)),
    artifacts: Object.fromEntries(
      [...store.artifacts].map(([uri, content]) => [uri, content.toString('utf8')]),
    ),
    requests: requests.map(({ headers, ...request }) => ({
      ...request,
      headers: Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'authorization')),
    })),
  });
}
