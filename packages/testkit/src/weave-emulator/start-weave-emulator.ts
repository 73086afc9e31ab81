import { delay } from '../test-server/delay.js';
import { FaultInjector } from '../test-server/fault-injector.js';
import { parseJsonBody } from '../test-server/parse-json-body.js';
import { jsonReply, type Reply } from '../test-server/reply.js';
import { startTestServer, type TestRequest } from '../test-server/start-test-server.js';
import { InvalidRequestError } from './call-query.js';
import { HttpError } from './http-error.js';
import { validateShape } from './request-shapes.js';
import { buildWeaveRouter } from './routes/build-weave-router.js';
import type { WeaveRoute } from './routes/weave-route.js';
import { type EvaluationSeed, type SeededEvaluation, seedEvaluation } from './seed-evaluation.js';
import { type SupportBotCallsOptions, seedSupportBotCalls } from './seed-support-bot-calls.js';
import { callToJson, ProjectStore } from './trace-store.js';
import { checkWeaveAuth } from './weave-auth.js';
import { damagedReply, faultReply, type WeaveEmulatorFault } from './weave-emulator-fault.js';

export interface WeaveEmulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  host?: string;
  /** The W&B API key clients must send as the Basic-auth password (user `api`). */
  apiKey?: string;
  /** Support-bot traffic to store before the first request. */
  seed?: SupportBotCallsOptions;
  faults?: WeaveEmulatorFault[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** The parsed JSON body (the raw text for other bodies); never the Authorization header. */
  body: unknown;
  status: number;
}

export interface WeaveEmulator {
  /** The trace server URL, for `WF_TRACE_SERVER_URL`. */
  readonly url: string;
  readonly apiKey: string;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  stop(): Promise<void>;
  addFault(fault: WeaveEmulatorFault): void;
  clearFaults(): void;
  /** The state of one `entity/project` (created empty on first use). */
  project(projectId: string): ProjectStore;
  seedSupportBotCalls(options: SupportBotCallsOptions): { calls: number; feedback: number };
  seedEvaluation(seed: EvaluationSeed): SeededEvaluation;
  /** Everything stored and every request body received, serialized (to check that no secret was written). */
  dump(): string;
}

export const defaultEmulatorApiKey = 'weave-emulator-key-0123456789abcdef01234567';

/**
 * A local W&B Weave trace server for tests, faithful to the reference notes: Basic auth (`api:<key>`), strict
 * request models (422 with FastAPI's `detail` list), JSONL streaming of calls, op ref names matched exactly or by
 * `:*`, the derived `summary.weave` (status, latency_ms, trace_name, costs, feedback), feedback type rules, and
 * injectable faults.
 */
export async function startWeaveEmulator(options: WeaveEmulatorOptions = {}): Promise<WeaveEmulator> {
  const apiKey = options.apiKey ?? defaultEmulatorApiKey;
  const projects = new Map<string, ProjectStore>();
  const requests: RecordedRequest[] = [];
  // Faults come after auth, as from an overloaded server or a proxy.
  const faults = new FaultInjector<WeaveEmulatorFault>(options.faults);
  const project = (projectId: string) => {
    let store = projects.get(projectId);
    if (!store) {
      store = new ProjectStore(projectId);
      projects.set(projectId, store);
    }
    return store;
  };
  if (options.seed) seedSupportBotCalls(project(options.seed.project), options.seed);
  const router = buildWeaveRouter(project);

  /** Answers a request; records its body as parsed (the text when it is not JSON). */
  const answer = async (request: TestRequest, recorded: RecordedRequest): Promise<Reply> => {
    const found = router.find(request.method, request.path);
    recorded.body = request.body.toString('utf8');
    if (found.kind === 'not-found') return jsonReply(404, { detail: 'Not Found' });
    if (found.kind === 'method-not-allowed') return jsonReply(405, { detail: 'Method Not Allowed' });
    const route = found.handler;
    const parsed = route.raw ? { kind: 'empty' as const } : parseJsonBody(request.body);
    if (parsed.kind === 'invalid') {
      return jsonReply(422, {
        detail: [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {} }],
      });
    }
    const body = parsed.kind === 'json' ? parsed.value : undefined;
    if (parsed.kind === 'json') recorded.body = body;
    if (!route.public) {
      const denied = checkWeaveAuth(request.headers.authorization, apiKey);
      if (denied) return denied;
    }
    const fault = faults.next(request.method, request.path);
    if (fault?.kind === 'rate-limit' || fault?.kind === 'status') return faultReply(fault);
    if (fault?.kind === 'slow') await delay(fault.delayMs ?? 2000);
    return damagedReply(handleRoute(route, body, request.body), fault);
  };

  const server = await startTestServer({
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    handle: async (request) => {
      const recorded: RecordedRequest = {
        method: request.method,
        path: request.path,
        body: undefined,
        status: 0,
      };
      requests.push(recorded);
      const reply = await answer(request, recorded);
      recorded.status = reply.status;
      return reply;
    },
    onError: (error) => jsonReply(500, { reason: `emulator bug: ${(error as Error).message}` }),
  });

  return {
    url: server.url,
    apiKey,
    requests,
    stop: () => server.stop(),
    addFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    project,
    seedSupportBotCalls: (seed) => seedSupportBotCalls(project(seed.project), seed),
    seedEvaluation: (seed) => seedEvaluation(project(seed.project), seed),
    dump() {
      const state = [...projects.values()].map((store) => ({
        project: store.projectId,
        calls: [...store.calls.values()].map((call) => callToJson(call, store)),
        feedback: store.feedback,
        objects: [...store.objects.values()].flat(),
        tables: [...store.tables.entries()],
        costs: [...store.costs.values()].flat(),
      }));
      return JSON.stringify({ state, requests });
    },
  };
}

/** Checks the body against the route's request model (422), then runs it; the errors it defines are answers. */
function handleRoute(route: WeaveRoute, body: unknown, raw: Buffer): Reply {
  try {
    if (route.shape) {
      if (body === undefined)
        throw new HttpError(422, { detail: [{ type: 'missing', loc: ['body'], msg: 'Field required' }] });
      const details = validateShape(body, route.shape);
      if (details.length > 0) throw new HttpError(422, { detail: details });
    }
    return route.handle(body, raw);
  } catch (error) {
    if (error instanceof HttpError) return jsonReply(error.status, error.body);
    if (error instanceof InvalidRequestError) return jsonReply(400, { reason: error.message });
    throw error;
  }
}
