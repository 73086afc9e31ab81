import { EmulatorHttpError } from '../emulator-http-error.js';
import { feedbackJson } from '../emulator-json.js';
import type { EmulatorState } from '../emulator-state.js';
import { type LangSmithRouter, ok, onLegacy, uuidParam } from './langsmith-route.js';
import { object, offsetPage } from './request-fields.js';

/** Feedback: list by run, key, source or session; read, create, update. */
export function addFeedbackRoutes(router: LangSmithRouter, state: EmulatorState): void {
  onLegacy(router, 'GET', '/feedback', ({ query }) => {
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
    return ok(offsetPage(query, feedback).map(feedbackJson));
  });
  onLegacy(router, 'GET', `/feedback/:id${uuidParam}`, (_request, { id }) => {
    const feedback = state.feedback.get(id!);
    if (!feedback) throw new EmulatorHttpError(404, `Feedback ${id} not found`);
    return ok(feedbackJson(feedback));
  });
  onLegacy(router, 'POST', '/feedback', ({ body }) => ok(feedbackJson(state.createFeedback(object(body)))));
  onLegacy(router, 'PATCH', `/feedback/:id${uuidParam}`, ({ body }, { id }) =>
    ok(feedbackJson(state.updateFeedback(id!, object(body)))),
  );
}
