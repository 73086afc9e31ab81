import type { EvalRecord } from '@slokit/core';
import type { SupportBotTrafficOptions } from '../support-bot-traffic.js';
import { delay } from '../test-server/delay.js';
import { FaultInjector } from '../test-server/fault-injector.js';
import { type Answer, jsonReply } from '../test-server/reply.js';
import { startTestServer, type TestRequest } from '../test-server/start-test-server.js';
import { answerMlflowRequest } from './answer-mlflow-request.js';
import { dumpMlflowState } from './dump-mlflow-state.js';
import { faultReply, type MlflowEmulatorFault } from './emulator-faults.js';
import type { MlflowEmulatorAuth } from './mlflow-auth.js';
import { type RecordedRequest, recordRequest } from './recorded-request.js';
import type { TraceSeedOptions } from './records-to-traces.js';
import { buildMlflowRouter } from './routes/build-mlflow-router.js';
import { addRecordTraces, addSeedRun, type SeedRunOptions, seedSupportBotTraces } from './seed-mlflow.js';
import { EmulatorStore } from './store/emulator-store.js';

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
  // Faults come before auth and routing, as from a proxy or an overloaded server.
  const faults = new FaultInjector<MlflowEmulatorFault>(options.faults, { pathMatch: 'substring' });
  const requests: RecordedRequest[] = [];
  const router = buildMlflowRouter(store, options.version ?? '3.6.1.dev0');

  const handle = async (request: TestRequest): Promise<Answer> => {
    if (options.logRequests ?? true) requests.push(recordRequest(request));
    const fault = faults.next(request.method, request.path);
    if (fault?.kind === 'status' || fault?.kind === 'rate-limit') return faultReply(fault);
    if (fault?.kind === 'slow') await delay(fault.delayMs ?? 2000);
    // A client that has gone (it timed out) gets nothing done.
    if (request.clientGone()) return 'drop';
    const reply = answerMlflowRequest(router, request, options.auth);
    return fault?.kind === 'truncate' || fault?.kind === 'reset'
      ? { ...reply, damage: { cut: fault.kind } }
      : reply;
  };

  const host = options.host ?? '127.0.0.1';
  const server = await startTestServer({
    port: options.port ?? 0,
    host,
    handle,
    onError: (error) =>
      jsonReply(500, { error_code: 'INTERNAL_ERROR', message: (error as Error)?.message ?? String(error) }),
  });
  return {
    url: `http://${host}:${server.port}`,
    store,
    requests,
    addFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    createExperiment: (name, tags = {}) =>
      store.createExperiment({ name, tags: Object.entries(tags).map(([key, value]) => ({ key, value })) }),
    addTraces: (experimentId, records, seedOptions) =>
      addRecordTraces(store, experimentId, records, seedOptions),
    seedSupportBotTraffic: (seedOptions) => seedSupportBotTraces(store, seedOptions),
    addRun: (seed) => addSeedRun(store, seed, now),
    addArtifact(runId, path, content) {
      store.putArtifact(
        store.getRun(runId),
        path,
        typeof content === 'string' ? Buffer.from(content) : content,
      );
    },
    dump: () => dumpMlflowState(store, requests),
    stop: () => server.stop(),
  };
}
