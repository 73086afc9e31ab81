import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CallsFilter,
  callField,
  compileCallsFilter,
  compileQuery,
  feedbackRowField,
  InvalidRequestError,
  sortRows,
  startedAtLowerBound,
} from './call-query.js';
import { FaultInjector, type WeaveEmulatorFault } from './faults.js';
import {
  callEndRequest,
  callReadRequest,
  callStartRequest,
  callsQueryRequest,
  callsQueryStatsRequest,
  callUpdateRequest,
  callUpsertBatchRequest,
  costCreateRequest,
  costInput,
  feedbackCreateRequest,
  feedbackQueryRequest,
  objCreateRequest,
  objReadRequest,
  type Shape,
  tableCreateRequest,
  tableQueryRequest,
  type ValidationDetail,
  validateShape,
} from './request-shapes.js';
import {
  type EvaluationSeed,
  type SeededEvaluation,
  type SupportBotCallsOptions,
  seedEvaluation,
  seedSupportBotCalls,
} from './seed-calls.js';
import { formatTimestampMicros, parseTimestampMicros } from './timestamps.js';
import {
  type CallEndPart,
  callToJson,
  contentDigest,
  ProjectStore,
  requiredCallColumns,
  type StoredCall,
  type StoredFeedback,
} from './trace-store.js';
import { uuidV7 } from './uuid-v7.js';

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

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

type Reply = { json: unknown; status?: number } | { lines: Iterable<string> };

interface Route {
  shape?: Shape;
  /** Health and server info answer without credentials. */
  public?: boolean;
  raw?: boolean;
  handle: (body: unknown, raw: Buffer) => Reply;
}

/**
 * A local W&B Weave trace server for tests, faithful to the reference notes: Basic auth (`api:<key>`), strict
 * request models (422 with FastAPI's `detail` list), JSONL streaming of calls, op ref names matched exactly or by
 * `:*`, the derived `summary.weave` (status, latency_ms, trace_name, costs, feedback), feedback type rules, and
 * injectable faults.
 */
export async function startWeaveEmulator(options: WeaveEmulatorOptions = {}): Promise<WeaveEmulator> {
  const apiKey = options.apiKey ?? defaultEmulatorApiKey;
  const expectedAuth = `Basic ${Buffer.from(`api:${apiKey}`).toString('base64')}`;
  const projects = new Map<string, ProjectStore>();
  const requests: RecordedRequest[] = [];
  const faults = new FaultInjector(options.faults);
  const project = (projectId: string) => {
    let store = projects.get(projectId);
    if (!store) {
      store = new ProjectStore(projectId);
      projects.set(projectId, store);
    }
    return store;
  };
  if (options.seed) seedSupportBotCalls(project(options.seed.project), options.seed);

  const routes = new Map<string, Route>([
    ['GET /health', { public: true, handle: () => ({ json: { status: 'ok' } }) }],
    [
      'GET /server_info',
      { public: true, handle: () => ({ json: { min_required_weave_python_version: '0.0.1' } }) },
    ],
    [
      'POST /call/start',
      {
        shape: callStartRequest,
        handle: (body) => ({
          json: startCall((body as { start: Record<string, unknown> }).start, ['body', 'start']),
        }),
      },
    ],
    [
      'POST /call/end',
      {
        shape: callEndRequest,
        handle: (body) => {
          endCall((body as { end: Record<string, unknown> }).end, ['body', 'end']);
          return { json: {} };
        },
      },
    ],
    [
      'POST /call/upsert_batch',
      { shape: callUpsertBatchRequest, handle: (body) => ({ json: upsertBatch(body) }) },
    ],
    [
      'POST /calls/stream_query',
      {
        shape: callsQueryRequest,
        handle: (body) => ({ lines: streamQuery(body as Record<string, unknown>) }),
      },
    ],
    [
      'POST /calls/query_stats',
      {
        shape: callsQueryStatsRequest,
        handle: (body) => ({ json: queryStats(body as Record<string, unknown>) }),
      },
    ],
    [
      'POST /call/read',
      { shape: callReadRequest, handle: (body) => ({ json: readCall(body as Record<string, unknown>) }) },
    ],
    [
      'POST /call/update',
      { shape: callUpdateRequest, handle: (body) => ({ json: updateCall(body as Record<string, unknown>) }) },
    ],
    [
      'POST /feedback/create',
      {
        shape: feedbackCreateRequest,
        handle: (body) => ({ json: createFeedback(body as Record<string, unknown>) }),
      },
    ],
    [
      'POST /feedback/query',
      {
        shape: feedbackQueryRequest,
        handle: (body) => ({ json: queryFeedback(body as Record<string, unknown>) }),
      },
    ],
    [
      'POST /obj/create',
      {
        shape: objCreateRequest,
        handle: (body) => ({ json: createObject(body as { obj: Record<string, unknown> }) }),
      },
    ],
    [
      'POST /obj/read',
      { shape: objReadRequest, handle: (body) => ({ json: readObject(body as Record<string, unknown>) }) },
    ],
    [
      'POST /table/create',
      {
        shape: tableCreateRequest,
        handle: (body) => ({ json: createTable(body as { table: Record<string, unknown> }) }),
      },
    ],
    [
      'POST /table/query',
      { shape: tableQueryRequest, handle: (body) => ({ json: queryTable(body as Record<string, unknown>) }) },
    ],
    ['POST /file/create', { raw: true, handle: (_body, raw) => ({ json: createFile(raw) }) }],
    [
      'POST /cost/create',
      { shape: costCreateRequest, handle: (body) => ({ json: createCost(body as Record<string, unknown>) }) },
    ],
  ]);
  const knownPaths = new Set([...routes.keys()].map((key) => key.slice(key.indexOf(' ') + 1)));

  function startCall(
    start: Record<string, unknown>,
    loc: Array<string | number>,
  ): { id: string; trace_id: string } {
    const startedMicros = timeField(start.started_at, [...loc, 'started_at']);
    const id = typeof start.id === 'string' ? start.id : uuidV7(startedMicros / 1000);
    const traceId = typeof start.trace_id === 'string' ? start.trace_id : uuidV7(startedMicros / 1000);
    const call: StoredCall = {
      id,
      project_id: start.project_id as string,
      op_name: start.op_name as string,
      display_name: (start.display_name as string | null | undefined) ?? null,
      trace_id: traceId,
      parent_id: (start.parent_id as string | null | undefined) ?? null,
      thread_id: (start.thread_id as string | null | undefined) ?? null,
      turn_id: (start.turn_id as string | null | undefined) ?? null,
      startedMicros,
      attributes: start.attributes as Record<string, unknown>,
      inputs: start.inputs as Record<string, unknown>,
      endedMicros: null,
      exception: null,
      output: null,
      summary: {},
      wb_user_id: 'emulator-user',
      wb_run_id: (start.wb_run_id as string | null | undefined) ?? null,
      wb_run_step: (start.wb_run_step as number | null | undefined) ?? null,
      wb_run_step_end: null,
    };
    project(call.project_id).putCall(call);
    return { id, trace_id: traceId };
  }

  function endCall(end: Record<string, unknown>, loc: Array<string | number>): void {
    const part: CallEndPart = {
      endedMicros: timeField(end.ended_at, [...loc, 'ended_at']),
      exception: (end.exception as string | null | undefined) ?? null,
      output: end.output ?? null,
      summary: end.summary as Record<string, unknown>,
      wb_run_step_end: (end.wb_run_step_end as number | null | undefined) ?? null,
    };
    project(end.project_id as string).endCall(end.id as string, part);
  }

  function upsertBatch(body: unknown): { res: unknown[] } {
    const items = (body as { batch: Array<{ mode?: string; req: unknown }> }).batch;
    const details: ValidationDetail[] = [];
    items.forEach((item, index) => {
      const loc = ['body', 'batch', index, 'req'];
      if (item.mode === 'end') validateShape(item.req, callEndRequest, loc, details);
      else if (item.mode === undefined || item.mode === null || item.mode === 'start')
        validateShape(item.req, callStartRequest, loc, details);
      else
        details.push({
          type: 'literal_error',
          loc: ['body', 'batch', index, 'mode'],
          msg: "Input should be 'start' or 'end'",
          input: item.mode,
        });
    });
    if (details.length > 0) throw new HttpError(422, { detail: details });
    return {
      res: items.map((item, index) => {
        if (item.mode === 'end') {
          endCall((item.req as { end: Record<string, unknown> }).end, ['body', 'batch', index, 'req', 'end']);
          return {};
        }
        return startCall((item.req as { start: Record<string, unknown> }).start, [
          'body',
          'batch',
          index,
          'req',
          'start',
        ]);
      }),
    };
  }

  function matchingCalls(body: Record<string, unknown>, stopAfter?: number): StoredCall[] {
    const store = project(body.project_id as string);
    const filter = compileCallsFilter(body.filter as CallsFilter | null | undefined);
    const query = body.query
      ? compileQuery<StoredCall>(body.query, (path) => callField(path, store))
      : () => true;
    const sorted = store.sortedCalls();
    const lower = body.query ? startedAtLowerBound(body.query) : undefined;
    let start = 0;
    if (lower !== undefined) {
      // Binary search for the first call that can satisfy the lower bound (1 µs of slack for float literals).
      let high = sorted.length;
      while (start < high) {
        const middle = (start + high) >>> 1;
        if (sorted[middle]!.startedMicros < lower - 1) start = middle + 1;
        else high = middle;
      }
    }
    const matched: StoredCall[] = [];
    for (let index = start; index < sorted.length; index++) {
      const call = sorted[index]!;
      if (filter(call) && query(call)) {
        matched.push(call);
        if (stopAfter !== undefined && matched.length >= stopAfter) break;
      }
    }
    return matched;
  }

  /** Finds the calls now (so a bad query is a 4xx answer), and serializes them line by line as they are sent. */
  function streamQuery(body: Record<string, unknown>): Iterable<string> {
    const sortBy =
      (body.sort_by as Array<{ field: string; direction: 'asc' | 'desc' }> | null | undefined) ?? [];
    const offset = nonNegative(body.offset, 'offset') ?? 0;
    const limit = nonNegative(body.limit, 'limit');
    const inStartOrder =
      sortBy.length === 0 ||
      (sortBy[0]!.field === 'started_at' &&
        sortBy[0]!.direction === 'asc' &&
        (sortBy.length === 1 ||
          (sortBy.length === 2 && sortBy[1]!.field === 'id' && sortBy[1]!.direction === 'asc')));
    const store = project(body.project_id as string);
    let calls = matchingCalls(body, inStartOrder && limit !== undefined ? offset + limit : undefined);
    if (!inStartOrder) calls = sortRows(calls, sortBy, (path) => callField(path, store));
    calls = calls.slice(offset, limit === undefined ? undefined : offset + limit);
    const columns = selectedColumns(body);
    const options = {
      includeCosts: body.include_costs === true,
      includeFeedback: body.include_feedback === true,
      ...(columns ? { columns } : {}),
    };
    const optionsKey = `${options.includeCosts}|${options.includeFeedback}|${columns ? [...columns].sort().join(',') : '*'}`;
    return (function* () {
      for (const call of calls) yield store.callLine(call, options, optionsKey);
    })();
  }

  function selectedColumns(body: Record<string, unknown>): Set<string> | undefined {
    const requested = body.columns as string[] | null | undefined;
    if (!requested || requested.length === 0) return undefined;
    const columns = new Set([...requested.map((column) => column.split('.')[0]!), ...requiredCallColumns]);
    if (columns.has('summary') || body.include_costs === true || body.include_feedback === true) {
      for (const column of ['summary', 'ended_at', 'exception', 'display_name']) columns.add(column);
    }
    return columns;
  }

  function queryStats(body: Record<string, unknown>): { count: number } {
    const limit = nonNegative(body.limit, 'limit');
    const count = matchingCalls(body).length;
    return { count: limit === undefined ? count : Math.min(count, limit) };
  }

  function readCall(body: Record<string, unknown>): { call: unknown } {
    const store = project(body.project_id as string);
    const call = store.calls.get(body.id as string);
    return { call: call ? callToJson(call, store, { includeCosts: body.include_costs === true }) : null };
  }

  function updateCall(body: Record<string, unknown>): Record<string, never> {
    const call = project(body.project_id as string).calls.get(body.call_id as string);
    if (!call) throw new HttpError(404, { reason: `Call not found: ${body.call_id}` });
    if (typeof body.display_name === 'string') {
      call.display_name = body.display_name;
      project(body.project_id as string).touch(call);
    }
    return {};
  }

  function createFeedback(body: Record<string, unknown>) {
    const projectId = body.project_id as string;
    const reason = feedbackProblem(body);
    if (reason) throw new HttpError(400, { reason });
    const createdAt = formatTimestampMicros(Date.now() * 1000);
    const feedback: StoredFeedback = {
      id: typeof body.id === 'string' ? body.id : uuidV7(),
      project_id: projectId,
      weave_ref: body.weave_ref as string,
      feedback_type: body.feedback_type as string,
      payload: body.payload as Record<string, unknown>,
      creator: (body.creator as string | null | undefined) ?? null,
      created_at: createdAt,
      wb_user_id: 'emulator-user',
      annotation_ref: (body.annotation_ref as string | null | undefined) ?? null,
      runnable_ref: (body.runnable_ref as string | null | undefined) ?? null,
      call_ref: (body.call_ref as string | null | undefined) ?? null,
      trigger_ref: (body.trigger_ref as string | null | undefined) ?? null,
    };
    project(projectId).addFeedback(feedback);
    return {
      id: feedback.id,
      created_at: createdAt,
      wb_user_id: feedback.wb_user_id,
      payload: feedback.payload,
    };
  }

  function queryFeedback(body: Record<string, unknown>): { result: unknown[] } {
    const store = project(body.project_id as string);
    let rows = store.feedback;
    if (body.query) {
      const predicate = compileQuery<StoredFeedback>(body.query, feedbackRowField);
      rows = rows.filter(predicate);
    }
    const sortBy = body.sort_by as Array<{ field: string; direction: 'asc' | 'desc' }> | null | undefined;
    if (sortBy && sortBy.length > 0) rows = sortRows(rows, sortBy, feedbackRowField);
    const offset = nonNegative(body.offset, 'offset') ?? 0;
    const limit = nonNegative(body.limit, 'limit');
    rows = rows.slice(offset, limit === undefined ? undefined : offset + limit);
    const fields = body.fields as string[] | null | undefined;
    return {
      result: rows.map((row) => {
        if (!fields || fields.length === 0) return { ...row };
        const selected: Record<string, unknown> = {};
        for (const field of fields) selected[field] = feedbackRowField(field)(row);
        return selected;
      }),
    };
  }

  function createObject(body: { obj: Record<string, unknown> }) {
    const obj = body.obj;
    const stored = project(obj.project_id as string).putObject(
      obj.object_id as string,
      obj.val,
      formatTimestampMicros(Date.now() * 1000),
      (obj.builtin_object_class as string | null | undefined) ?? null,
    );
    return { digest: stored.digest, object_id: stored.object_id };
  }

  function readObject(body: Record<string, unknown>) {
    const versions = project(body.project_id as string).objects.get(body.object_id as string) ?? [];
    const found = versions.find(
      (version) => version.digest === body.digest || (body.digest === 'latest' && version.is_latest === 1),
    );
    if (!found) throw new HttpError(404, { reason: `Obj ${body.object_id}:${body.digest} not found` });
    return { obj: body.metadata_only === true ? { ...found, val: {} } : found };
  }

  function createTable(body: { table: Record<string, unknown> }) {
    const table = body.table;
    const rows = (table.rows as Array<Record<string, unknown>>).map((val) => ({
      digest: contentDigest(val),
      val,
    }));
    const digest = contentDigest(rows.map((row) => row.digest));
    project(table.project_id as string).tables.set(digest, rows);
    return { digest, row_digests: rows.map((row) => row.digest) };
  }

  function queryTable(body: Record<string, unknown>) {
    const rows = project(body.project_id as string).tables.get(body.digest as string);
    if (!rows) throw new HttpError(404, { reason: `Table ${body.digest} not found` });
    const wanted = (body.filter as { row_digests?: string[] | null } | null | undefined)?.row_digests;
    let selected = rows.map((row, index) => ({ digest: row.digest, val: row.val, original_index: index }));
    if (wanted) selected = selected.filter((row) => wanted.includes(row.digest));
    const offset = nonNegative(body.offset, 'offset') ?? 0;
    const limit = nonNegative(body.limit, 'limit');
    return { rows: selected.slice(offset, limit === undefined ? undefined : offset + limit) };
  }

  function createFile(raw: Buffer) {
    const text = raw.toString('latin1');
    const projectId = /name="project_id"\r\n\r\n([^\r\n]*)/.exec(text)?.[1];
    if (!projectId) {
      throw new HttpError(422, {
        detail: [{ type: 'missing', loc: ['body', 'project_id'], msg: 'Field required' }],
      });
    }
    const digest = createHash('sha256').update(raw).digest('base64url').slice(0, 43);
    project(projectId).files.set(digest, raw.length);
    return { digest };
  }

  function createCost(body: Record<string, unknown>) {
    const store = project(body.project_id as string);
    const details: ValidationDetail[] = [];
    for (const [llmId, input] of Object.entries(body.costs as Record<string, unknown>)) {
      validateShape(input, costInput, ['body', 'costs', llmId], details);
    }
    if (details.length > 0) throw new HttpError(422, { detail: details });
    const ids: Array<[string, string]> = [];
    for (const [llmId, input] of Object.entries(body.costs as Record<string, Record<string, unknown>>)) {
      const id = uuidV7();
      const now = formatTimestampMicros(Date.now() * 1000);
      const list = store.costs.get(llmId) ?? [];
      list.push({
        id,
        llm_id: llmId,
        prompt_token_cost: input.prompt_token_cost as number,
        completion_token_cost: input.completion_token_cost as number,
        prompt_token_cost_unit: (input.prompt_token_cost_unit as string | undefined) ?? 'USD',
        completion_token_cost_unit: (input.completion_token_cost_unit as string | undefined) ?? 'USD',
        effective_date: typeof input.effective_date === 'string' ? input.effective_date : now,
        provider_id: (input.provider_id as string | undefined) ?? 'default',
        created_at: now,
      });
      store.costs.set(llmId, list);
      store.costsVersion++;
      ids.push([llmId, id]);
    }
    return { ids };
  }

  const server: Server = createServer((request, response) => {
    void handle(request, response).catch((error) => {
      if (!response.headersSent)
        sendJson(response, 500, { reason: `emulator bug: ${(error as Error).message}` });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://emulator').pathname;
    const route = routes.get(`${request.method} ${path}`);
    const raw = await readBody(request);
    const recorded: RecordedRequest = { method: request.method ?? 'GET', path, body: undefined, status: 0 };
    requests.push(recorded);
    const reply = (status: number, body: unknown) => {
      recorded.status = status;
      sendJson(response, status, body);
    };
    if (!route) {
      recorded.body = raw.toString('utf8');
      reply(knownPaths.has(path) ? 405 : 404, {
        detail: knownPaths.has(path) ? 'Method Not Allowed' : 'Not Found',
      });
      return;
    }
    let body: unknown;
    if (route.raw || raw.length === 0) recorded.body = raw.toString('utf8');
    else {
      try {
        body = JSON.parse(raw.toString('utf8'));
        recorded.body = body;
      } catch {
        recorded.body = raw.toString('utf8');
        reply(422, {
          detail: [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {} }],
        });
        return;
      }
    }
    if (!route.public && request.headers.authorization !== expectedAuth) {
      reply(401, {
        detail: request.headers.authorization
          ? 'Invalid credentials: check your W&B API key'
          : 'Authentication required',
      });
      return;
    }
    const fault = faults.next(request.method ?? 'GET', path);
    if (fault?.kind === 'rate-limit' || fault?.kind === 'status') {
      const status = fault.kind === 'rate-limit' ? 429 : (fault.status ?? 503);
      const retryAfter = fault.retryAfter ?? (fault.kind === 'rate-limit' ? 1 : undefined);
      recorded.status = status;
      const body =
        fault.body ??
        (status === 429 ? { reason: 'Too many requests, slow down' } : { reason: `injected ${status}` });
      sendJson(response, status, body, retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) });
      return;
    }
    if (fault?.kind === 'slow') await delay(fault.delayMs ?? 2000);
    let result: Reply;
    try {
      if (route.shape) {
        if (body === undefined)
          throw new HttpError(422, { detail: [{ type: 'missing', loc: ['body'], msg: 'Field required' }] });
        const details = validateShape(body, route.shape);
        if (details.length > 0) throw new HttpError(422, { detail: details });
      }
      result = route.handle(body, raw);
    } catch (error) {
      if (error instanceof HttpError) reply(error.status, error.body);
      else if (error instanceof InvalidRequestError) reply(400, { reason: error.message });
      else throw error;
      return;
    }
    recorded.status = 'json' in result ? (result.status ?? 200) : 200;
    if ('json' in result) await sendJsonWithFault(response, result.status ?? 200, result.json, fault);
    else await sendLines(response, result.lines, fault);
  }

  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    apiKey,
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
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

  function timeField(value: unknown, loc: Array<string | number>): number {
    const micros = typeof value === 'string' ? parseTimestampMicros(value) : undefined;
    if (micros === undefined) {
      throw new HttpError(422, {
        detail: [
          { type: 'datetime_from_date_parsing', loc, msg: 'Input should be a valid datetime', input: value },
        ],
      });
    }
    return micros;
  }
}

/** The feedback type rules of `weave/trace_server/feedback.py`; a reason when the request breaks one. */
function feedbackProblem(body: Record<string, unknown>): string | undefined {
  const projectId = body.project_id as string;
  const type = body.feedback_type as string;
  const payload = body.payload as Record<string, unknown>;
  const weaveRef = body.weave_ref as string;
  if (
    !weaveRef.startsWith(`weave:///${projectId}/`) ||
    !/^weave:\/\/\/[^/]+\/[^/]+\/(call|object|op|table)\/.+/.test(weaveRef)
  )
    return `Invalid weave_ref '${weaveRef}': expected a weave:/// ref in project ${projectId}`;
  if (Buffer.byteLength(JSON.stringify(payload)) > 1 << 20) return 'Feedback payload too large (limit 1 MiB)';
  const isRunnable = type.startsWith('wandb.runnable.');
  if (!isRunnable) {
    for (const key of ['runnable_ref', 'call_ref', 'trigger_ref']) {
      if (body[key] !== undefined && body[key] !== null)
        return `${key} is only valid on wandb.runnable feedback`;
    }
  }
  if (type === 'wandb.reaction.1') {
    return typeof payload.emoji === 'string' && Object.keys(payload).length === 1
      ? undefined
      : 'wandb.reaction.1 takes {emoji}';
  }
  if (type === 'wandb.note.1') {
    if (typeof payload.note !== 'string' || Object.keys(payload).length !== 1)
      return 'wandb.note.1 takes {note}';
    return payload.note.length > 1024 ? 'Note too long (limit 1024 characters)' : undefined;
  }
  if (type.startsWith('wandb.annotation.')) {
    if (typeof body.annotation_ref !== 'string') return 'annotation_ref is required for annotation feedback';
    return 'value' in payload ? undefined : 'annotation feedback takes {value}';
  }
  if (isRunnable) {
    const name = type.slice('wandb.runnable.'.length);
    const runnableRef = body.runnable_ref;
    if (typeof runnableRef !== 'string') return 'runnable_ref is required for runnable feedback';
    const refName = runnableRef.slice(runnableRef.lastIndexOf('/') + 1).split(':')[0];
    if (refName !== name) return `runnable_ref names '${refName}', the feedback type names '${name}'`;
    if (runnableRef.includes('/op/') && typeof body.call_ref !== 'string')
      return 'call_ref is required when the runnable is an op';
    return 'output' in payload ? undefined : 'runnable feedback takes {output}';
  }
  if (type.startsWith('wandb.')) return `Unknown feedback type '${type}': wandb.* types are reserved`;
  return undefined;
}

function nonNegative(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if ((value as number) < 0) throw new InvalidRequestError(`${name} must be non-negative`);
  return value as number;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

async function sendJsonWithFault(
  response: ServerResponse,
  status: number,
  body: unknown,
  fault: WeaveEmulatorFault | undefined,
) {
  if (fault?.kind !== 'truncate' && fault?.kind !== 'reset') {
    sendJson(response, status, body);
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json' });
  response.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
  if (fault.kind === 'truncate') response.end();
  else await resetAfterFlush(response);
}

/** Streams JSONL with backpressure, in chunks of about 64 KB, applying a stream fault when there is one. */
async function sendLines(
  response: ServerResponse,
  lines: Iterable<string>,
  fault: WeaveEmulatorFault | undefined,
): Promise<void> {
  response.writeHead(200, { 'content-type': 'application/jsonl' });
  let closed = false;
  response.on('close', () => {
    closed = true;
  });
  const cutAfter =
    fault?.kind === 'truncate' || fault?.kind === 'reset' ? (fault.afterLines ?? 0) : undefined;
  const lineDelay = fault?.kind === 'slow' ? (fault.lineDelayMs ?? 0) : 0;
  let buffer = '';
  let written = 0;
  const flush = async () => {
    if (buffer === '' || closed) return;
    const ok = response.write(buffer);
    buffer = '';
    if (!ok && !closed) await drainOrClose(response);
  };
  for (const line of lines) {
    if (closed) return;
    if (cutAfter !== undefined && written === cutAfter) {
      buffer += line.slice(0, Math.max(1, Math.floor(line.length / 2)));
      await flush();
      if (fault?.kind === 'reset') await resetAfterFlush(response);
      else response.end();
      return;
    }
    buffer += `${line}\n`;
    written++;
    if (lineDelay > 0) {
      await flush();
      await delay(lineDelay);
    } else if (buffer.length >= 65_536) await flush();
  }
  if (cutAfter !== undefined) buffer += '{"id": "';
  await flush();
  if (fault?.kind === 'reset') await resetAfterFlush(response);
  else response.end();
}

/** Waits until the client has taken the data written so far, or has gone. */
function drainOrClose(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

async function resetAfterFlush(response: ServerResponse): Promise<void> {
  await delay(20);
  response.socket?.destroy();
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
