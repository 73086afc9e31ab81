import { Router } from '../../test-server/router.js';
import { addCallRoutes } from './call-routes.js';
import { addCallsQueryRoutes } from './calls-query-routes.js';
import { addCostRoutes } from './cost-routes.js';
import { addFeedbackRoutes } from './feedback-routes.js';
import { addFileRoutes } from './file-routes.js';
import { addObjectRoutes } from './object-routes.js';
import { addServerRoutes } from './server-routes.js';
import { addTableRoutes } from './table-routes.js';
import type { ProjectLookup, WeaveRoute, WeaveRouter } from './weave-route.js';

/** Every route of the emulated trace server. */
export function buildWeaveRouter(project: ProjectLookup): WeaveRouter {
  const router = new Router<WeaveRoute>();
  addServerRoutes(router);
  addCallRoutes(router, project);
  addCallsQueryRoutes(router, project);
  addFeedbackRoutes(router, project);
  addObjectRoutes(router, project);
  addTableRoutes(router, project);
  addFileRoutes(router, project);
  addCostRoutes(router, project);
  return router;
}
