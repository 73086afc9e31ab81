import type { EmulatorStore } from '../store/emulator-store.js';
import { api2, apiRoute, type MlflowRouter, ok } from './mlflow-route.js';

/** Metrics and params: log-batch, log-metric, log-parameter (each a batch of one), metrics/get-history. */
export function addRunLoggingRoutes(router: MlflowRouter, store: EmulatorStore): void {
  router.on(
    'POST',
    api2('runs/log-batch'),
    apiRoute(({ json, raw }) => {
      store.logBatch(json, raw.length);
      return ok();
    }),
  );
  router.on(
    'POST',
    api2('runs/log-metric'),
    apiRoute(({ json, raw }) => {
      const { run_id, run_uuid, ...metric } = json;
      store.logBatch({ run_id: run_id ?? run_uuid, metrics: [metric] }, raw.length);
      return ok();
    }),
  );
  router.on(
    'POST',
    api2('runs/log-parameter'),
    apiRoute(({ json, raw }) => {
      const { run_id, run_uuid, ...param } = json;
      store.logBatch({ run_id: run_id ?? run_uuid, params: [param] }, raw.length);
      return ok();
    }),
  );
  router.on(
    'GET',
    api2('metrics/get-history'),
    apiRoute(({ query }) => ok(store.getMetricHistory(query))),
  );
}
