import { Router } from '../../test-server/router.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import { addArtifactRoutes } from './artifact-routes.js';
import { addAssessmentRoutes } from './assessment-routes.js';
import { addExperimentRoutes } from './experiment-routes.js';
import type { MlflowRoute, MlflowRouter } from './mlflow-route.js';
import { addRunLoggingRoutes } from './run-logging-routes.js';
import { addRunRoutes } from './run-routes.js';
import { addServerRoutes } from './server-routes.js';
import { addTraceRoutes } from './trace-routes.js';

/** Every route of the emulated tracking server. */
export function buildMlflowRouter(store: EmulatorStore, version: string): MlflowRouter {
  const router = new Router<MlflowRoute>();
  addServerRoutes(router, version);
  addExperimentRoutes(router, store);
  addRunRoutes(router, store);
  addRunLoggingRoutes(router, store);
  addArtifactRoutes(router, store);
  addAssessmentRoutes(router, store);
  addTraceRoutes(router, store);
  return router;
}
