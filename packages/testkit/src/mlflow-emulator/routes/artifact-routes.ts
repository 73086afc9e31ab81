import { textReply } from '../../test-server/reply.js';
import { apiErrorReply, MlflowApiError, notFound } from '../emulator-error.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import { api2, apiRoute, type MlflowRouter, ok } from './mlflow-route.js';

const proxiedArtifactsPath = '/api/2.0/mlflow-artifacts/artifacts/*path';

/** Artifacts: artifacts/list, `/get-artifact`, and the proxied upload and download of `mlflow-artifacts:` URIs. */
export function addArtifactRoutes(router: MlflowRouter, store: EmulatorStore): void {
  router.on(
    'GET',
    api2('artifacts/list'),
    apiRoute(({ query }) => ok(store.listArtifacts(query))),
  );
  router.on('GET', '/get-artifact', {
    json: false,
    handle: ({ query }) => {
      const runId = query.get('run_uuid') ?? query.get('run_id') ?? undefined;
      const content = store.getArtifact(runId, query.get('path') ?? undefined);
      return textReply(200, content, 'application/octet-stream');
    },
  });
  router.on('GET', proxiedArtifactsPath, {
    json: false,
    handle: ({ params }) => {
      const content = proxiedArtifacts(store).get(`mlflow-artifacts:/${params.path}`);
      if (!content) return apiErrorReply(notFound(`File ${params.path} does not exist`));
      return textReply(200, content, 'application/octet-stream');
    },
  });
  router.on('PUT', proxiedArtifactsPath, {
    json: false,
    handle: ({ params, raw }) => {
      proxiedArtifacts(store).set(`mlflow-artifacts:/${params.path}`, raw);
      return ok();
    },
  });
}

/** The proxied-artifact routes answer 503 on a server that does not serve artifacts (`--no-serve-artifacts`). */
function proxiedArtifacts(store: EmulatorStore): Map<string, Buffer> {
  if (!store.proxiesArtifacts) {
    throw new MlflowApiError(
      'TEMPORARILY_UNAVAILABLE',
      'Endpoint: /api/2.0/mlflow-artifacts/artifacts disabled due to the mlflow server running with `--no-serve-artifacts`. To enable artifacts server functionality, run `mlflow server` with `--serve-artifacts`',
    );
  }
  return store.artifacts;
}
