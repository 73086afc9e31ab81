import { jsonReply } from '../../test-server/reply.js';
import { EmulatorHttpError } from '../emulator-http-error.js';
import { isUuid } from '../emulator-records.js';
import type { EmulatorState } from '../emulator-state.js';
import { type LangSmithRouter, onLegacy, uuidParam } from './langsmith-route.js';
import { object } from './request-fields.js';

/** Run ingest: `POST /runs`, `POST /runs/batch` and `PATCH /runs/{id}`, each answered 202. */
export function addRunIngestRoutes(router: LangSmithRouter, state: EmulatorState): void {
  onLegacy(router, 'POST', '/runs', ({ body }) => {
    state.createRun(object(body));
    return jsonReply(202, { message: 'Run created' });
  });
  onLegacy(router, 'POST', '/runs/batch', ({ body }) => {
    ingestBatch(state, object(body));
    return jsonReply(202, { message: 'Runs batch ingested' });
  });
  onLegacy(router, 'PATCH', `/runs/:id${uuidParam}`, ({ body }, { id }) => {
    state.updateRun(id!, object(body));
    return jsonReply(202, { message: 'Run updated' });
  });
}

function ingestBatch(state: EmulatorState, batch: Record<string, unknown>): void {
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
}
