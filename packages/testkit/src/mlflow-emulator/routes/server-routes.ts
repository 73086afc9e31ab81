import { textReply } from '../../test-server/reply.js';
import type { MlflowRouter } from './mlflow-route.js';

/** `/health` and `/version`: plain text, outside the API and its auth. */
export function addServerRoutes(router: MlflowRouter, version: string): void {
  router.on('GET', '/health', {
    json: false,
    handle: () => textReply(200, 'OK', 'text/html; charset=utf-8'),
  });
  router.on('GET', '/version', {
    json: false,
    handle: () => textReply(200, version, 'text/html; charset=utf-8'),
  });
}
