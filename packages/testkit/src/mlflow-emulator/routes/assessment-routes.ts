import type { EmulatorStore } from '../store/emulator-store.js';
import { assessmentJson } from '../store/mlflow-json.js';
import { api3, apiRoute, type MlflowRouter, ok } from './mlflow-route.js';

/** Assessments of a trace: create, get, update, delete. */
export function addAssessmentRoutes(router: MlflowRouter, store: EmulatorStore): void {
  const one = api3('traces/:traceId/assessments/:assessmentId');
  router.on(
    'POST',
    api3('traces/:traceId/assessments'),
    apiRoute(({ json, params }) =>
      ok({ assessment: assessmentJson(store.createAssessment(params.traceId!, json)) }),
    ),
  );
  router.on(
    'GET',
    one,
    apiRoute(({ params }) =>
      ok({ assessment: assessmentJson(store.getAssessment(params.traceId!, params.assessmentId!)) }),
    ),
  );
  router.on(
    'PATCH',
    one,
    apiRoute(({ json, params }) =>
      ok({ assessment: assessmentJson(store.updateAssessment(params.traceId!, params.assessmentId!, json)) }),
    ),
  );
  router.on(
    'DELETE',
    one,
    apiRoute(({ params }) => {
      store.deleteAssessment(params.traceId!, params.assessmentId!);
      return ok();
    }),
  );
}
