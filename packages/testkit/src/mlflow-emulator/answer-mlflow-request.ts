import { parseJsonBody } from '../test-server/parse-json-body.js';
import { type Reply, textReply } from '../test-server/reply.js';
import type { TestRequest } from '../test-server/start-test-server.js';
import { apiErrorReply, invalidParameter, MlflowApiError } from './emulator-error.js';
import { checkMlflowAuth, type MlflowEmulatorAuth } from './mlflow-auth.js';
import { queryObject } from './query-object.js';
import type { MlflowRoute, MlflowRouter } from './routes/mlflow-route.js';
import { isPlainObject, type Json } from './store/request-fields.js';
import { methodNotAllowedPage, notFoundPage } from './werkzeug-pages.js';

/**
 * Answers a request as the tracking server does: credentials on the API (when auth is on), Flask's HTML pages for
 * unknown routes and wrong methods, `Content-Type: application/json` required on JSON POST/PATCH routes, and
 * `{error_code, message}` errors from the routes.
 */
export function answerMlflowRequest(
  router: MlflowRouter,
  request: TestRequest,
  auth: MlflowEmulatorAuth | undefined,
): Reply {
  const { method, path } = request;
  if (auth && (path.startsWith('/api/') || path === '/get-artifact')) {
    const denied = checkMlflowAuth(request.headers.authorization, auth);
    if (denied) return denied;
  }
  const found = router.find(method, path);
  if (found.kind === 'not-found') return textReply(404, notFoundPage, 'text/html; charset=utf-8');
  if (found.kind === 'method-not-allowed')
    return textReply(405, methodNotAllowedPage, 'text/html; charset=utf-8');
  try {
    const json = requestJson(found.handler, request);
    return found.handler.handle({
      method,
      path,
      query: request.query,
      headers: request.headers,
      raw: request.body,
      json,
      params: found.params,
    });
  } catch (error) {
    if (error instanceof MlflowApiError) return apiErrorReply(error);
    throw error;
  }
}

/** The JSON body of a POST or PATCH (an invalid one is `{}`, as the real server reads it), the query of a GET. */
function requestJson(route: MlflowRoute, request: TestRequest): Json {
  const { method } = request;
  if (route.json && (method === 'POST' || method === 'PATCH')) {
    const contentType = request.headers['content-type'];
    if (contentType === undefined) throw invalidParameter('Bad Request. Content-Type header is missing.');
    if (contentType.split(';')[0]!.trim().toLowerCase() !== 'application/json') {
      throw invalidParameter("Bad Request. Content-Type must be one of ['application/json'].");
    }
    const body = parseJsonBody(request.body);
    return body.kind === 'json' && isPlainObject(body.value) ? (body.value as Json) : {};
  }
  return method === 'GET' || method === 'DELETE' ? queryObject(request.query) : {};
}
