import { HttpError } from '../http-error.js';
import {
  callEndRequest,
  callReadRequest,
  callStartRequest,
  callUpdateRequest,
  callUpsertBatchRequest,
  type ValidationDetail,
  validateShape,
} from '../request-shapes.js';
import { parseTimestampMicros } from '../timestamps.js';
import { type CallEndPart, callToJson, type StoredCall } from '../trace-store.js';
import { uuidV7 } from '../uuid-v7.js';
import { ok, type ProjectLookup, type RequestBody, type WeaveRouter } from './weave-route.js';

type FieldPath = Array<string | number>;

/** Call writes and reads: start, end, upsert_batch (parts merge by id in any order), read, update. */
export function addCallRoutes(router: WeaveRouter, project: ProjectLookup): void {
  router.on('POST', '/call/start', {
    shape: callStartRequest,
    handle: (body) => ok(startCall(project, (body as { start: RequestBody }).start, ['body', 'start'])),
  });
  router.on('POST', '/call/end', {
    shape: callEndRequest,
    handle: (body) => {
      endCall(project, (body as { end: RequestBody }).end, ['body', 'end']);
      return ok({});
    },
  });
  router.on('POST', '/call/upsert_batch', {
    shape: callUpsertBatchRequest,
    handle: (body) => ok(upsertBatch(project, body as { batch: Array<{ mode?: string; req: unknown }> })),
  });
  router.on('POST', '/call/read', {
    shape: callReadRequest,
    handle: (body) => {
      const request = body as RequestBody;
      const store = project(request.project_id as string);
      const call = store.calls.get(request.id as string);
      const includeCosts = request.include_costs === true;
      return ok({ call: call ? callToJson(call, store, { includeCosts }) : null });
    },
  });
  router.on('POST', '/call/update', {
    shape: callUpdateRequest,
    handle: (body) => ok(updateCall(project, body as RequestBody)),
  });
}

function startCall(
  project: ProjectLookup,
  start: RequestBody,
  loc: FieldPath,
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

function endCall(project: ProjectLookup, end: RequestBody, loc: FieldPath): void {
  const part: CallEndPart = {
    endedMicros: timeField(end.ended_at, [...loc, 'ended_at']),
    exception: (end.exception as string | null | undefined) ?? null,
    output: end.output ?? null,
    summary: end.summary as Record<string, unknown>,
    wb_run_step_end: (end.wb_run_step_end as number | null | undefined) ?? null,
  };
  project(end.project_id as string).endCall(end.id as string, part);
}

/** Every item is validated before any is stored: one bad item fails the whole batch with 422. */
function upsertBatch(project: ProjectLookup, body: { batch: Array<{ mode?: string; req: unknown }> }) {
  const items = body.batch;
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
      const loc = ['body', 'batch', index, 'req'];
      if (item.mode !== 'end')
        return startCall(project, (item.req as { start: RequestBody }).start, [...loc, 'start']);
      endCall(project, (item.req as { end: RequestBody }).end, [...loc, 'end']);
      return {};
    }),
  };
}

function updateCall(project: ProjectLookup, body: RequestBody): Record<string, never> {
  const call = project(body.project_id as string).calls.get(body.call_id as string);
  if (!call) throw new HttpError(404, { reason: `Call not found: ${body.call_id}` });
  if (typeof body.display_name === 'string') {
    call.display_name = body.display_name;
    project(body.project_id as string).touch(call);
  }
  return {};
}

/** A `started_at` or `ended_at` as epoch µs; 422 as pydantic words it when it is not a time. */
function timeField(value: unknown, loc: FieldPath): number {
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
