import type { EmulatorStore } from '../store/emulator-store.js';
import { experimentJson } from '../store/mlflow-json.js';
import { api2, apiRoute, type MlflowRouter, ok } from './mlflow-route.js';

/** Experiments: get-by-name, get, search (POST, and GET with repeated `order_by`), create, set-experiment-tag. */
export function addExperimentRoutes(router: MlflowRouter, store: EmulatorStore): void {
  router.on(
    'GET',
    api2('experiments/get-by-name'),
    apiRoute(({ query }) =>
      ok({
        experiment: experimentJson(store.getExperimentByName(query.get('experiment_name') ?? undefined)),
      }),
    ),
  );
  router.on(
    'GET',
    api2('experiments/get'),
    apiRoute(({ query }) =>
      ok({ experiment: experimentJson(store.getExperiment(query.get('experiment_id') ?? undefined)) }),
    ),
  );
  router.on(
    'POST',
    api2('experiments/search'),
    apiRoute(({ json }) => ok(store.searchExperiments(json))),
  );
  router.on(
    'GET',
    api2('experiments/search'),
    apiRoute(({ json, query }) =>
      ok(store.searchExperiments({ ...json, order_by: query.getAll('order_by') })),
    ),
  );
  router.on(
    'POST',
    api2('experiments/create'),
    apiRoute(({ json }) => ok({ experiment_id: store.createExperiment(json) })),
  );
  router.on(
    'POST',
    api2('experiments/set-experiment-tag'),
    apiRoute(({ json }) => {
      store.setExperimentTag(json);
      return ok();
    }),
  );
}
