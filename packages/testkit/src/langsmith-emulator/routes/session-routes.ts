import { sessionJson } from '../emulator-json.js';
import type { EmulatorSession } from '../emulator-records.js';
import type { EmulatorState } from '../emulator-state.js';
import { parseTimeInput } from '../parse-time-input.js';
import { decodeOffsetCursor, encodeCursor } from './cursors.js';
import { type LangSmithRouter, ok, onLegacy, uuidParam } from './langsmith-route.js';
import { clampInteger, object, offsetPage } from './request-fields.js';

/** Tracing projects and experiments ("sessions"): list (offset pages, v2 cursor pages), read, create, update. */
export function addSessionRoutes(router: LangSmithRouter, state: EmulatorState, options: { apiV2: boolean }) {
  onLegacy(router, 'GET', '/sessions', ({ query }) => {
    const includeStats = query.get('include_stats') === 'true';
    const sessions = filterSessions(state, query);
    return ok(offsetPage(query, sessions).map((session) => sessionJson(state, session, { includeStats })));
  });
  onLegacy(router, 'GET', `/sessions/:id${uuidParam}`, ({ query }, { id }) =>
    ok(
      sessionJson(state, state.requireSession(id!), { includeStats: query.get('include_stats') === 'true' }),
    ),
  );
  onLegacy(router, 'POST', '/sessions', ({ query, body }) =>
    ok(sessionJson(state, state.createSession(object(body), { upsert: query.get('upsert') === 'true' }))),
  );
  onLegacy(router, 'PATCH', `/sessions/:id${uuidParam}`, ({ body }, { id }) =>
    ok(sessionJson(state, state.updateSession(id!, object(body)))),
  );
  if (options.apiV2) router.on('GET', '/api/v2/sessions', ({ query }) => ok(sessionsPage(state, query)));
}

/** `GET /api/v2/sessions`: sessions by type, with stats since `stats_start_time`, in cursor pages. */
function sessionsPage(state: EmulatorState, query: URLSearchParams) {
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
}

function filterSessions(
  state: EmulatorState,
  query: URLSearchParams,
  datasetParam = 'reference_dataset',
): EmulatorSession[] {
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
