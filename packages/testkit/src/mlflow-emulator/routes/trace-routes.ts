import { textReply } from '../../test-server/reply.js';
import { apiErrorReply, notFound } from '../emulator-error.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import { traceInfoJson } from '../store/mlflow-json.js';
import { api2, api3, apiRoute, type MlflowRouter, ok } from './mlflow-route.js';

/**
 * Traces: StartTraceV3, v3 search, get info, `traces/get` (spans are never exported here), tags, link-to-run and the
 * legacy v2 search. `traces/{id}` comes last: `traces/search` and `traces/get` are not trace ids.
 */
export function addTraceRoutes(router: MlflowRouter, store: EmulatorStore): void {
  router.on(
    'POST',
    api2('traces/link-to-run'),
    apiRoute(({ json }) => {
      store.linkTracesToRun(json);
      return ok();
    }),
  );
  router.on(
    'GET',
    api2('traces'),
    apiRoute(({ query }) => ok(store.searchTracesV2(query))),
  );
  router.on(
    'POST',
    api3('traces'),
    apiRoute(({ json }) => ok({ trace: { trace_info: traceInfoJson(store.startTrace(json), false) } })),
  );
  router.on(
    'POST',
    api3('traces/search'),
    apiRoute(({ json }) => textReply(200, store.searchTraces(json), 'application/json')),
  );
  router.on(
    'GET',
    api3('traces/get'),
    apiRoute(({ query }) => {
      const traceId = query.get('trace_id') ?? '';
      store.getTrace(traceId);
      return apiErrorReply(
        notFound(`Trace with ID ${traceId} is not fully exported yet, please try again later.`),
      );
    }),
  );
  router.on(
    'PATCH',
    api3('traces/:traceId/tags'),
    apiRoute(({ json, params }) => {
      store.setTraceTag(params.traceId!, json);
      return ok();
    }),
  );
  router.on(
    'DELETE',
    api3('traces/:traceId/tags'),
    apiRoute(({ query, params }) => {
      store.deleteTraceTag(params.traceId!, query.get('key'));
      return ok();
    }),
  );
  router.on(
    'GET',
    api3('traces/:traceId'),
    apiRoute(({ params }) =>
      ok({ trace: { trace_info: traceInfoJson(store.getTrace(params.traceId!), true) } }),
    ),
  );
}
