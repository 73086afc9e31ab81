import type { IncomingHttpHeaders } from 'node:http';
import { delay } from '../test-server/delay.js';
import { FaultInjector } from '../test-server/fault-injector.js';
import { parseJsonBody } from '../test-server/parse-json-body.js';
import { type Answer, jsonReply, type Reply } from '../test-server/reply.js';
import { startTestServer, type TestRequest } from '../test-server/start-test-server.js';
import { faultReply, type LangSmithFault } from './emulator-fault.js';
import { EmulatorHttpError } from './emulator-http-error.js';
import type { EmulatorFeedback, EmulatorSession } from './emulator-records.js';
import { EmulatorState } from './emulator-state.js';
import { buildLangSmithRouter } from './routes/build-langsmith-router.js';
import { isPublicPath } from './routes/info-route.js';
import type { LangSmithRequest, LangSmithRouter } from './routes/langsmith-route.js';
import { FilterSyntaxError } from './run-filter.js';
import { defaultLangSmithSeed, type LangSmithSeed, seedExperiments, seedTraffic } from './seed-langsmith.js';
import { checkWorkspaceAccess, type WorkspaceAccess } from './workspace-access.js';

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
  const access: WorkspaceAccess = {
    apiKey: options.apiKey ?? defaultApiKey,
    tenantId: options.tenantId ?? defaultTenantId,
    orgScopedKey: options.orgScopedKey ?? false,
  };
  const apiV2 = options.apiV2 ?? true;
  const state = new EmulatorState(access.tenantId, options.now ?? Date.now);
  const faults = new FaultInjector<LangSmithFault>(options.faults);
  const requests: EmulatorRequest[] = [];
  const seed = (value: LangSmithSeed) => {
    if (value.traffic) seedTraffic(state, value.traffic);
    if (value.experiments) seedExperiments(state, value.experiments);
  };
  if (options.seed !== false) seed(options.seed ?? defaultLangSmithSeed);
  const router = buildLangSmithRouter(state, { apiV2, now: options.now ?? Date.now });

  const handle = async (request: TestRequest): Promise<Answer> => {
    const parsed = parseJsonBody(request.body);
    const body = parsed.kind === 'json' ? parsed.value : request.body.toString('utf8');
    const log = (status: number) => {
      requests.push(loggedRequest(request, body, status));
      const excess = requests.length - (options.requestLogLimit ?? 10_000);
      if (excess > 0) requests.splice(0, excess);
    };
    const fault = faults.next(request.method, request.path);
    if (fault?.kind === 'rate-limit' || fault?.kind === 'status') {
      const reply = faultReply(fault);
      log(reply.status);
      return reply;
    }
    const reply =
      (isPublicPath(request.path) ? undefined : checkWorkspaceAccess(request.headers, access)) ??
      (parsed.kind === 'invalid'
        ? jsonReply(422, { detail: 'Request body is not valid JSON' })
        : route(router, { method: request.method, path: request.path, query: request.query, body }));
    log(reply.status);
    // Slow, truncated and reset responses happen after the server did the work, as when a response is lost.
    if (fault?.kind === 'slow') await delay(fault.delayMs ?? 2000);
    return fault?.kind === 'truncate' || fault?.kind === 'reset'
      ? { ...reply, damage: { cut: fault.kind } }
      : reply;
  };

  const server = await startTestServer({
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    handle,
    onError: (error) => jsonReply(500, { detail: String(error) }),
  });
  return {
    url: server.url,
    apiKey: access.apiKey,
    tenantId: access.tenantId,
    state,
    requests,
    addFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    seed,
    project: (name) => state.sessionByName(name),
    feedback: (key) =>
      [...state.feedback.values()].filter((feedback) => key === undefined || feedback.key === key),
    dump() {
      return JSON.stringify({
        sessions: [...state.sessions.values()],
        datasets: [...state.datasets.values()],
        runs: [...state.runs.values()],
        feedback: [...state.feedback.values()],
        requests: requests.map(({ headers: _headers, ...request }) => request),
      });
    },
    stop: () => server.stop(),
  };
}

/** Runs the route of a request; the errors the API defines become their answers, 404 when nothing matches. */
function route(router: LangSmithRouter, request: LangSmithRequest): Reply {
  const found = router.find(request.method, request.path);
  if (found.kind !== 'found') return jsonReply(404, { detail: 'Not Found' });
  try {
    return found.handler(request, found.params);
  } catch (error) {
    if (error instanceof EmulatorHttpError)
      return jsonReply(error.status, error.body ?? { detail: error.message });
    if (error instanceof FilterSyntaxError)
      return jsonReply(400, { detail: `Invalid filter: ${error.message}` });
    throw error;
  }
}

function loggedRequest(request: TestRequest, body: unknown, status: number): EmulatorRequest {
  const query: Record<string, string[]> = {};
  for (const key of new Set(request.query.keys())) query[key] = request.query.getAll(key);
  const header = (headers: IncomingHttpHeaders, name: string) => headers[name] as string | undefined;
  return {
    method: request.method,
    path: request.path,
    query,
    body,
    headers: {
      'x-tenant-id': header(request.headers, 'x-tenant-id'),
      'user-agent': header(request.headers, 'user-agent'),
      'content-type': header(request.headers, 'content-type'),
    },
    status,
  };
}
