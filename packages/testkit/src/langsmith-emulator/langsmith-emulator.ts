import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ActiveFault, type LangSmithFault } from './emulator-fault.js';
import {
  datasetJson,
  feedbackJson,
  legacyDefaultSelect,
  legacyRunJson,
  sessionJson,
  v2RunJson,
  v2SelectFields,
} from './emulator-json.js';
import { type EmulatorFeedback, type EmulatorSession, isUuid } from './emulator-records.js';
import {
  EmulatorHttpError,
  EmulatorState,
  isObject,
  parseTimeInput,
  type RunPosition,
  type RunQuery,
} from './emulator-state.js';
import { FilterSyntaxError, parseRunFilter, type RunFilter } from './run-filter.js';
import { defaultLangSmithSeed, type LangSmithSeed, seedExperiments, seedTraffic } from './seed-langsmith.js';

export interface LangSmithEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** The only API key accepted in `x-api-key`; default `lsv2_pt_emulator_0123456789abcdef`. */
  apiKey?: string;
  /** The workspace (tenant) id; a request that names another in `x-tenant-id` is a 403. */
  tenantId?: string;
  /** The key is org-scoped: requests without `x-tenant-id` get 403 `org_scoped_key_requires_workspace`. */
  orgScopedKey?: boolean;
  /** Seeded data: default {@link defaultLangSmithSeed}; `false` for an empty workspace. */
  seed?: LangSmithSeed | false;
  faults?: LangSmithFault[];
  /** false: an older self-hosted server without the `/api/v2` endpoints (404) that reports version 0.15. */
  apiV2?: boolean;
  /** The server clock (default Date.now): the default window of v2 run queries ends here. */
  now?: () => number;
  /** How many requests `requests` keeps (the most recent); default 10,000. */
  requestLogLimit?: number;
}

/** A request the emulator received, without its credentials. */
export interface EmulatorRequest {
  method: string;
  path: string;
  query: Record<string, string[]>;
  body: unknown;
  /** `x-tenant-id`, `user-agent`, `content-type`; never `x-api-key`. */
  headers: Record<string, string | undefined>;
  status: number;
}

export interface LangSmithEmulator {
  /** Base URL for `LANGSMITH_ENDPOINT` / the SDK's `apiUrl`. */
  url: string;
  apiKey: string;
  tenantId: string;
  state: EmulatorState;
  /** Requests received, oldest first (bounded by `requestLogLimit`). */
  requests: EmulatorRequest[];
  addFault(fault: LangSmithFault): void;
  clearFaults(): void;
  /** Writes more seeded data (see {@link LangSmithSeed}). */
  seed(seed: LangSmithSeed): void;
  /** Session by name. */
  project(name: string): EmulatorSession | undefined;
  /** Stored feedback, optionally of one key. */
  feedback(key?: string): EmulatorFeedback[];
  /** Everything stored and every request received (paths, queries, bodies), serialized: for secret checks. */
  dump(): string;
  stop(): Promise<void>;
}

type Handler = (request: ParsedRequest, match: RegExpMatchArray) => unknown;

interface ParsedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** Answer with this instead of a 200 JSON body. */
class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

const defaultApiKey = 'lsv2_pt_emulator_0123456789abcdef';
const defaultTenantId = 'e1a2b3c4-0000-4000-8000-000000000001';

/**
 * Starts a local HTTP emulator of the LangSmith API, faithful to the documented behaviour the real `langsmith`
 * SDK relies on (see the README of @slokit/langsmith and the reference notes): `GET /info`, `/sessions` (offset
 * pages, bare arrays, `include_stats`), `/api/v2/sessions`, `POST /runs/query`, `POST /api/v2/runs/query`,
 * `POST /runs/stats`, `/feedback`, `PATCH /sessions/{id}`, `POST /runs`, `POST /runs/batch`, `/datasets`, with
 * `x-api-key` auth and injectable faults.
 */
export async function startLangSmithEmulator(
  options: LangSmithEmulatorOptions = {},
): Promise<LangSmithEmulator> {
  const apiKey = options.apiKey ?? defaultApiKey;
  const tenantId = options.tenantId ?? defaultTenantId;
  const apiV2 = options.apiV2 ?? true;
  const now = options.now ?? Date.now;
  const requestLogLimit = options.requestLogLimit ?? 10_000;
  const state = new EmulatorState(tenantId, now);
  let faults = (options.faults ?? []).map((fault) => new ActiveFault(fault));
  const requests: EmulatorRequest[] = [];
  const seed = (value: LangSmithSeed) => {
    if (value.traffic) seedTraffic(state, value.traffic);
    if (value.experiments) seedExperiments(state, value.experiments);
  };
  if (options.seed !== false) seed(options.seed ?? defaultLangSmithSeed);

  const routes = buildRoutes(state, { apiV2, now });
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, new Reply(500, { detail: String(error) }));
      else response.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://emulator');
    const method = (request.method ?? 'GET').toUpperCase();
    const text = await readBody(request);
    let body: unknown = text;
    let badJson = false;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        badJson = true;
      }
    }
    const parsed = { method, path: url.pathname, query: url.searchParams, body };
    const fault = faults.find((candidate) => candidate.take(method, url.pathname))?.fault;
    if (fault?.kind === 'rate-limit') {
      log(request, parsed, 429);
      send(
        response,
        new Reply(429, { detail: 'Too many requests' }, { 'retry-after': fault.retryAfter ?? '1' }),
      );
      return;
    }
    if (fault?.kind === 'status') {
      const status = fault.status ?? 503;
      log(request, parsed, status);
      send(response, new Reply(status, { detail: `injected ${status}` }));
      return;
    }
    // Slow, truncated and reset responses happen after the server did the work, as when a response is lost.
    const reply = await answer(parsed, request, badJson);
    log(request, parsed, reply.status);
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 2000));
    if (fault?.kind === 'truncate' || fault?.kind === 'reset') {
      const bytes = Buffer.from(JSON.stringify(reply.body ?? null));
      const half = bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));
      response.writeHead(reply.status, {
        'content-type': 'application/json',
        'content-length': String(fault.kind === 'truncate' ? half.length : bytes.length),
      });
      if (fault.kind === 'truncate') {
        response.end(half);
        return;
      }
      response.write(half, () => response.socket?.destroy());
      return;
    }
    if (response.destroyed) return;
    send(response, reply);
  }

  async function answer(parsed: ParsedRequest, request: IncomingMessage, badJson: boolean): Promise<Reply> {
    const isPublic = parsed.path === '/info' || parsed.path === '/api/v1/info';
    if (!isPublic) {
      const key = request.headers['x-api-key'];
      if (key !== apiKey) {
        return new Reply(401, { detail: key === undefined ? 'Missing API key' : 'Invalid token' });
      }
      const tenant = request.headers['x-tenant-id'];
      if (tenant === undefined && options.orgScopedKey) {
        return new Reply(403, {
          error: 'org_scoped_key_requires_workspace',
          detail: 'This API key is org-scoped and requires workspace specification.',
        });
      }
      if (tenant !== undefined && tenant !== tenantId) {
        return new Reply(403, { detail: `No access to workspace ${String(tenant)}` });
      }
    }
    if (badJson) return new Reply(422, { detail: 'Request body is not valid JSON' });
    for (const [method, pattern, handler] of routes) {
      if (method !== parsed.method) continue;
      const match = pattern.exec(parsed.path);
      if (!match) continue;
      try {
        const result = handler(parsed, match);
        return result instanceof Reply ? result : new Reply(200, result);
      } catch (error) {
        if (error instanceof EmulatorHttpError)
          return new Reply(error.status, error.body ?? { detail: error.message });
        if (error instanceof FilterSyntaxError)
          return new Reply(400, { detail: `Invalid filter: ${error.message}` });
        throw error;
      }
    }
    return new Reply(404, { detail: 'Not Found' });
  }

  function log(request: IncomingMessage, parsed: ParsedRequest, status: number): void {
    const query: Record<string, string[]> = {};
    for (const key of new Set(parsed.query.keys())) query[key] = parsed.query.getAll(key);
    requests.push({
      method: parsed.method,
      path: parsed.path,
      query,
      body: parsed.body,
      headers: {
        'x-tenant-id': request.headers['x-tenant-id'] as string | undefined,
        'user-agent': request.headers['user-agent'],
        'content-type': request.headers['content-type'],
      },
      status,
    });
    if (requests.length > requestLogLimit) requests.splice(0, requests.length - requestLogLimit);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    apiKey,
    tenantId,
    state,
    requests,
    addFault(fault) {
      faults.push(new ActiveFault(fault));
    },
    clearFaults() {
      faults = [];
    },
    seed,
    project(name) {
      return state.sessionByName(name);
    },
    feedback(key) {
      return [...state.feedback.values()].filter((feedback) => key === undefined || feedback.key === key);
    },
    dump() {
      return JSON.stringify({
        sessions: [...state.sessions.values()],
        datasets: [...state.datasets.values()],
        runs: [...state.runs.values()],
        feedback: [...state.feedback.values()],
        requests: requests.map(({ headers: _headers, ...request }) => request),
      });
    },
    stop() {
      return new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
    },
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, reply: Reply): void {
  const text = JSON.stringify(reply.body ?? null);
  response.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...reply.headers,
  });
  response.end(text);
}

function buildRoutes(state: EmulatorState, options: { apiV2: boolean; now: () => number }) {
  const routes: [string, RegExp, Handler][] = [];
  const uuid = '([0-9a-fA-F-]{36})';
  /** Legacy routes answer both at the root and under /api/v1 (self-hosted deployments put the API there). */
  const legacy = (method: string, path: string, handler: Handler) =>
    routes.push([method, new RegExp(`^(?:/api/v1)?${path}$`), handler]);
  const v2 = (method: string, path: string, handler: Handler) =>
    routes.push([
      method,
      new RegExp(`^${path}$`),
      options.apiV2
        ? handler
        : () => {
            throw new EmulatorHttpError(404, 'Not Found');
          },
    ]);

  routes.push([
    'GET',
    /^(?:\/api\/v1)?\/info$/,
    () => ({
      version: options.apiV2 ? '0.18.0' : '0.15.4',
      license_expiration_time: null,
      batch_ingest_config: { use_multipart_endpoint: false, scale_up_qsize_trigger: 1000, size_limit: 100 },
      instance_flags: {},
      tenant_handle: null,
    }),
  ]);

  // Sessions (projects and experiments)
  legacy('GET', '/sessions', ({ query }) => {
    const includeStats = query.get('include_stats') === 'true';
    const sessions = filterSessions(state, query);
    return offsetPage(query, sessions).map((session) => sessionJson(state, session, { includeStats }));
  });
  legacy('GET', `/sessions/${uuid}`, ({ query }, match) =>
    sessionJson(state, state.requireSession(match[1]!), {
      includeStats: query.get('include_stats') === 'true',
    }),
  );
  legacy('POST', '/sessions', ({ query, body }) =>
    sessionJson(state, state.createSession(object(body), { upsert: query.get('upsert') === 'true' })),
  );
  legacy('PATCH', `/sessions/${uuid}`, ({ body }, match) =>
    sessionJson(state, state.updateSession(match[1]!, object(body))),
  );
  v2('GET', '/api/v2/sessions', ({ query }) => {
    const includeStats = query.get('include_stats') === 'true';
    const statsStart = query.get('stats_start_time');
    const statsSince = statsStart ? (parseTimeInput(statsStart) ?? undefined) : undefined;
    let sessions = filterSessions(state, query, 'reference_dataset_id');
    const types = query.getAll('type');
    if (types.length > 0) {
      sessions = sessions.filter((session) =>
        types.includes(session.reference_dataset_id === null ? 'PROJECT' : 'EXPERIMENT'),
      );
    }
    const limit = clampInteger(query.get('limit') ?? query.get('page_size'), 100, 1, 100);
    const offset = decodeOffsetCursor(query.get('cursor'));
    const items = sessions
      .slice(offset, offset + limit)
      .map((session) => sessionJson(state, session, { includeStats, statsSince }));
    return { items, next_cursor: offset + limit < sessions.length ? encodeCursor([offset + limit]) : null };
  });

  // Datasets
  legacy('GET', '/datasets', ({ query }) => {
    let datasets = [...state.datasets.values()];
    const name = query.get('name');
    if (name !== null) datasets = datasets.filter((dataset) => dataset.name === name);
    const ids = query.getAll('id');
    if (ids.length > 0) datasets = datasets.filter((dataset) => ids.includes(dataset.id));
    return offsetPage(query, datasets).map((dataset) => datasetJson(state, dataset));
  });
  legacy('GET', `/datasets/${uuid}`, (_request, match) => {
    const dataset = state.datasets.get(match[1]!);
    if (!dataset) throw new EmulatorHttpError(404, `Dataset ${match[1]} not found`);
    return datasetJson(state, dataset);
  });
  legacy('POST', '/datasets', ({ body }) => datasetJson(state, state.createDataset(object(body))));

  // Runs
  legacy('POST', '/runs', ({ body }) => {
    state.createRun(object(body));
    return new Reply(202, { message: 'Run created' });
  });
  legacy('POST', '/runs/batch', ({ body }) => {
    const batch = object(body);
    const posts = Array.isArray(batch.post) ? batch.post : [];
    const patches = Array.isArray(batch.patch) ? batch.patch : [];
    for (const run of posts) {
      try {
        state.createRun(object(run));
      } catch (error) {
        // Batch ingest is an upsert: a run sent twice keeps its first version.
        if (!(error instanceof EmulatorHttpError && error.status === 409)) throw error;
      }
    }
    for (const run of patches) {
      const update = object(run);
      if (!isUuid(update.id)) throw new EmulatorHttpError(422, 'patch entries need a run id');
      state.updateRun(update.id, update);
    }
    return new Reply(202, { message: 'Runs batch ingested' });
  });
  legacy('PATCH', `/runs/${uuid}`, ({ body }, match) => {
    state.updateRun(match[1]!, object(body));
    return new Reply(202, { message: 'Run updated' });
  });
  legacy('POST', '/runs/query', ({ body }) => {
    const request = object(body);
    const query = legacyRunQuery(state, request);
    const limit = clampInteger(request.limit, 100, 1, 100);
    const select = Array.isArray(request.select) ? (request.select as string[]) : legacyDefaultSelect;
    const order = request.order === 'asc' ? 'asc' : 'desc';
    const after = decodePositionCursor(request.cursor);
    const page = state.queryRuns(query, { limit, order, ...(after ? { after } : {}) });
    return {
      runs: page.runs.map((run) => legacyRunJson(state, run, select)),
      cursors: { next: page.next ? encodeCursor([page.next.start, page.next.id]) : null, prev: null },
    };
  });
  legacy('POST', '/runs/stats', ({ body }) => {
    const request = object(body);
    const query = legacyRunQuery(state, request);
    const end = parseTimeInput(request.end_time);
    if (end !== undefined && end !== null) query.maxStart = end;
    return state.runStats(query);
  });
  v2('POST', '/api/v2/runs/query', ({ body }) => {
    const request = object(body);
    const projectIds = stringArray(request.project_ids);
    const datasetId =
      typeof request.reference_dataset_id === 'string' ? request.reference_dataset_id : undefined;
    if (projectIds.length > 0 === (datasetId !== undefined)) {
      throw new EmulatorHttpError(422, 'set exactly one of project_ids or reference_dataset_id');
    }
    const sessionIds =
      datasetId !== undefined
        ? [...state.sessions.values()]
            .filter((session) => session.reference_dataset_id === datasetId)
            .map((session) => session.id)
        : projectIds;
    for (const id of sessionIds) state.requireSession(id);
    const selects = request.selects === undefined ? ['ID'] : stringArray(request.selects);
    for (const field of selects) {
      if (!v2SelectFields.has(field)) throw new EmulatorHttpError(422, `unknown selects value ${field}`);
    }
    const now = options.now();
    const earliestSession =
      datasetId === undefined
        ? undefined
        : Math.min(...sessionIds.map((id) => state.requireSession(id).start_time));
    const minStart = parseTimeInput(request.min_start_time) ?? earliestSession ?? now - 24 * 3_600_000;
    const maxStart = parseTimeInput(request.max_start_time) ?? now;
    const query: RunQuery = {
      sessionIds,
      minStart,
      maxStart,
      ...commonRunFilters(request),
      ...(typeof request.run_type === 'string' ? { runType: request.run_type.toLowerCase() } : {}),
      ...(typeof request.has_error === 'boolean' ? { hasError: request.has_error } : {}),
      ...(request.ids !== undefined ? { ids: new Set(stringArray(request.ids)) } : {}),
      ...(typeof request.trace_id === 'string' ? { traceId: request.trace_id } : {}),
      ...(request.reference_examples !== undefined
        ? { referenceExamples: new Set(stringArray(request.reference_examples)) }
        : {}),
    };
    const limit = clampInteger(request.page_size, 100, 1, 1000);
    const after = decodePositionCursor(request.cursor);
    const page = state.queryRuns(query, { limit, ...(after ? { after } : {}) });
    const subtree = request.include_subtree_usage === true;
    return {
      items: page.runs.map((run) => v2RunJson(state, run, selects, subtree)),
      next_cursor: page.next ? encodeCursor([page.next.start, page.next.id]) : null,
    };
  });

  // Feedback
  legacy('GET', '/feedback', ({ query }) => {
    const runs = query.getAll('run');
    const keys = query.getAll('key');
    const sources = query.getAll('source');
    const sessions = query.getAll('session');
    const feedback = [...state.feedback.values()].filter(
      (entry) =>
        (runs.length === 0 || runs.includes(entry.run_id ?? '')) &&
        (keys.length === 0 || keys.includes(entry.key)) &&
        (sessions.length === 0 || sessions.includes(entry.session_id ?? '')) &&
        (sources.length === 0 || sources.includes(String(entry.feedback_source?.type ?? ''))),
    );
    return offsetPage(query, feedback).map(feedbackJson);
  });
  legacy('GET', `/feedback/${uuid}`, (_request, match) => {
    const feedback = state.feedback.get(match[1]!);
    if (!feedback) throw new EmulatorHttpError(404, `Feedback ${match[1]} not found`);
    return feedbackJson(feedback);
  });
  legacy('POST', '/feedback', ({ body }) => feedbackJson(state.createFeedback(object(body))));
  legacy('PATCH', `/feedback/${uuid}`, ({ body }, match) =>
    feedbackJson(state.updateFeedback(match[1]!, object(body))),
  );
  return routes;
}

function filterSessions(state: EmulatorState, query: URLSearchParams, datasetParam = 'reference_dataset') {
  let sessions = [...state.sessions.values()];
  const ids = query.getAll('id');
  if (ids.length > 0) sessions = sessions.filter((session) => ids.includes(session.id));
  const name = query.get('name');
  if (name !== null) sessions = sessions.filter((session) => session.name === name);
  const contains = query.get('name_contains');
  if (contains !== null) sessions = sessions.filter((session) => session.name.includes(contains));
  const datasets = query.getAll(datasetParam);
  if (datasets.length > 0) {
    sessions = sessions.filter((session) => datasets.includes(session.reference_dataset_id ?? ''));
  }
  if (query.get('reference_free') === 'true') {
    sessions = sessions.filter((session) => session.reference_dataset_id === null);
  }
  // Newest first, as LangSmith lists them.
  return sessions.sort((a, b) => b.start_time - a.start_time || a.name.localeCompare(b.name));
}

/** `offset`/`limit` paging of bare arrays; limit is at most 100. */
function offsetPage<T>(query: URLSearchParams, items: T[]): T[] {
  const offset = clampInteger(query.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = clampInteger(query.get('limit'), 100, 1, 100);
  return items.slice(offset, offset + limit);
}

function legacyRunQuery(state: EmulatorState, request: Record<string, unknown>): RunQuery {
  const sessionIds =
    request.session === null || request.session === undefined ? [] : stringArray(request.session);
  for (const id of sessionIds) state.requireSession(id);
  const ids = request.id === null || request.id === undefined ? undefined : stringArray(request.id);
  const trace = typeof request.trace === 'string' ? request.trace : undefined;
  const parentRun = typeof request.parent_run === 'string' ? request.parent_run : undefined;
  const examples =
    request.reference_example === null || request.reference_example === undefined
      ? undefined
      : stringArray(request.reference_example);
  if (sessionIds.length === 0 && !ids && !trace && !parentRun && !examples) {
    throw new EmulatorHttpError(
      400,
      'at least one of session, id, trace, parent_run or reference_example is required',
    );
  }
  const scope =
    sessionIds.length > 0
      ? sessionIds
      : [
          ...new Set(
            [...(ids ?? []), trace, parentRun]
              .map((id) => (id === undefined ? undefined : state.runs.get(id)?.session_id))
              .filter((id): id is string => id !== undefined),
          ),
        ];
  const start = parseTimeInput(request.start_time);
  return {
    sessionIds: scope.length > 0 ? scope : [...state.sessions.keys()],
    ...(start !== undefined && start !== null ? { minStart: start } : {}),
    ...commonRunFilters(request),
    ...(typeof request.is_root === 'boolean' ? { isRoot: request.is_root } : {}),
    ...(typeof request.run_type === 'string' ? { runType: request.run_type.toLowerCase() } : {}),
    ...(typeof request.error === 'boolean' ? { hasError: request.error } : {}),
    ...(ids ? { ids: new Set(ids) } : {}),
    ...(trace ? { traceId: trace } : {}),
    ...(parentRun ? { parentRun } : {}),
    ...(examples ? { referenceExamples: new Set(examples) } : {}),
  };
}

function commonRunFilters(request: Record<string, unknown>): Partial<RunQuery> {
  const result: { isRoot?: boolean; filter?: RunFilter; traceFilter?: RunFilter; treeFilter?: RunFilter } =
    {};
  if (typeof request.is_root === 'boolean') result.isRoot = request.is_root;
  if (typeof request.filter === 'string' && request.filter.trim() !== '')
    result.filter = parseRunFilter(request.filter);
  if (typeof request.trace_filter === 'string' && request.trace_filter.trim() !== '')
    result.traceFilter = parseRunFilter(request.trace_filter);
  if (typeof request.tree_filter === 'string' && request.tree_filter.trim() !== '')
    result.treeFilter = parseRunFilter(request.tree_filter);
  return result;
}

function object(value: unknown): Record<string, unknown> {
  if (!isObject(value)) throw new EmulatorHttpError(422, 'expected a JSON object body');
  return value;
}

function stringArray(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new EmulatorHttpError(422, `expected a list of strings, got ${JSON.stringify(value)}`);
  }
  return value;
}

function clampInteger(value: unknown, fallback: number, min: number, max: number): number {
  if (value === null || value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min)
    throw new EmulatorHttpError(422, `invalid page size or offset ${String(value)}`);
  if (number > max) throw new EmulatorHttpError(422, `page size ${number} is over the maximum of ${max}`);
  return number;
}

function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function decodeParts(cursor: unknown): unknown[] | undefined {
  if (cursor === undefined || cursor === null || cursor === '') return undefined;
  try {
    const parts = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parts)) return parts;
  } catch {
    // fall through
  }
  throw new EmulatorHttpError(400, 'Invalid cursor');
}

function decodePositionCursor(cursor: unknown): RunPosition | undefined {
  const parts = decodeParts(cursor);
  if (!parts) return undefined;
  const [start, id] = parts;
  if (typeof start !== 'number' || typeof id !== 'string') throw new EmulatorHttpError(400, 'Invalid cursor');
  return { start, id };
}

function decodeOffsetCursor(cursor: string | null): number {
  const parts = decodeParts(cursor);
  if (!parts) return 0;
  const [offset] = parts;
  if (typeof offset !== 'number') throw new EmulatorHttpError(400, 'Invalid cursor');
  return offset;
}
