import type { EmulatorStore } from '../store/emulator-store.js';
import { runInfoJson, runJson } from '../store/mlflow-json.js';
import { api2, apiRoute, type MlflowRouter, ok } from './mlflow-route.js';

/** Runs: create, get, search, update, set-tag, delete-tag. */
export function addRunRoutes(router: MlflowRouter, store: EmulatorStore): void {
  router.on(
    'POST',
    api2('runs/create'),
    apiRoute(({ json }) => ok({ run: runJson(store.createRun(json), false) })),
  );
  router.on(
    'GET',
    api2('runs/get'),
    apiRoute(({ query }) =>
      ok({ run: runJson(store.getRun(query.get('run_id') ?? query.get('run_uuid') ?? undefined), true) }),
    ),
  );
  router.on(
    'POST',
    api2('runs/search'),
    apiRoute(({ json }) => ok(store.searchRuns(json))),
  );
  router.on(
    'POST',
    api2('runs/update'),
    apiRoute(({ json }) => ok({ run_info: runInfoJson(store.updateRun(json)) })),
  );
  router.on(
    'POST',
    api2('runs/set-tag'),
    apiRoute(({ json }) => {
      store.setTag(json);
      return ok();
    }),
  );
  router.on(
    'POST',
    api2('runs/delete-tag'),
    apiRoute(({ json }) => {
      store.deleteTag(json);
      return ok();
    }),
  );
}
