import { Router } from '../../test-server/router.js';
import type { EmulatorState } from '../emulator-state.js';
import { addDatasetRoutes } from './dataset-routes.js';
import { addFeedbackRoutes } from './feedback-routes.js';
import { addInfoRoute } from './info-route.js';
import type { LangSmithHandler, LangSmithRouter } from './langsmith-route.js';
import { addRunIngestRoutes } from './run-ingest-routes.js';
import { addRunQueryRoutes } from './run-query-routes.js';
import { addSessionRoutes } from './session-routes.js';

/** Every route of the emulated API; the `/api/v2` ones only on a v2 server (an older one answers them 404). */
export function buildLangSmithRouter(
  state: EmulatorState,
  options: { apiV2: boolean; now: () => number },
): LangSmithRouter {
  const router = new Router<LangSmithHandler>();
  addInfoRoute(router, options);
  addSessionRoutes(router, state, options);
  addDatasetRoutes(router, state);
  addRunIngestRoutes(router, state);
  addRunQueryRoutes(router, state, options);
  addFeedbackRoutes(router, state);
  return router;
}
