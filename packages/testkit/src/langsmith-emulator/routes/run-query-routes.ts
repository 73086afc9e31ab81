import { EmulatorHttpError } from '../emulator-http-error.js';
import { legacyDefaultSelect, legacyRunJson, v2RunJson, v2SelectFields } from '../emulator-json.js';
import type { EmulatorState } from '../emulator-state.js';
import { parseTimeInput } from '../parse-time-input.js';
import { decodePositionCursor, encodeCursor } from './cursors.js';
import { type LangSmithRouter, ok, onLegacy } from './langsmith-route.js';
import { clampInteger, object, stringArray } from './request-fields.js';
import { legacyRunQuery, v2QuerySessions, v2RunQuery } from './run-query-request.js';

/** Run reads: `POST /runs/query` and `POST /runs/stats`, and `POST /api/v2/runs/query` on a v2 server. */
export function addRunQueryRoutes(
  router: LangSmithRouter,
  state: EmulatorState,
  options: { apiV2: boolean; now: () => number },
): void {
  onLegacy(router, 'POST', '/runs/query', ({ body }) => ok(legacyRunsPage(state, object(body))));
  onLegacy(router, 'POST', '/runs/stats', ({ body }) => {
    const request = object(body);
    const query = legacyRunQuery(state, request);
    const end = parseTimeInput(request.end_time);
    if (end !== undefined && end !== null) query.maxStart = end;
    return ok(state.runStats(query));
  });
  if (options.apiV2) {
    router.on('POST', '/api/v2/runs/query', ({ body }) => ok(v2RunsPage(state, object(body), options.now())));
  }
}

/** A page of `/runs/query`: the selected fields (the SDK's default set without `select`), `cursors.next`. */
function legacyRunsPage(state: EmulatorState, request: Record<string, unknown>) {
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
}

/** A page of `/api/v2/runs/query`: only the `selects` fields (just the id without them), `next_cursor`. */
function v2RunsPage(state: EmulatorState, request: Record<string, unknown>, now: number) {
  const sessions = v2QuerySessions(state, request);
  const selects = request.selects === undefined ? ['ID'] : stringArray(request.selects);
  for (const field of selects) {
    if (!v2SelectFields.has(field)) throw new EmulatorHttpError(422, `unknown selects value ${field}`);
  }
  const query = v2RunQuery(state, request, sessions, now);
  const limit = clampInteger(request.page_size, 100, 1, 1000);
  const after = decodePositionCursor(request.cursor);
  const page = state.queryRuns(query, { limit, ...(after ? { after } : {}) });
  const subtree = request.include_subtree_usage === true;
  return {
    items: page.runs.map((run) => v2RunJson(state, run, selects, subtree)),
    next_cursor: page.next ? encodeCursor([page.next.start, page.next.id]) : null,
  };
}
