import { jsonReply, type Reply } from '../../test-server/reply.js';
import type { Router } from '../../test-server/router.js';

export interface LangSmithRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The parsed JSON body; the raw text when it is empty. */
  body: unknown;
}

export type LangSmithHandler = (request: LangSmithRequest, params: Record<string, string>) => Reply;

export type LangSmithRouter = Router<LangSmithHandler>;

/** A path parameter that is a run, session, dataset or feedback id. */
export const uuidParam = '([0-9a-fA-F-]{36})';

/** Legacy routes answer both at the root and under /api/v1 (self-hosted deployments put the API there). */
export function onLegacy(
  router: LangSmithRouter,
  method: string,
  path: string,
  handler: LangSmithHandler,
): void {
  router.on(method, path, handler);
  router.on(method, `/api/v1${path}`, handler);
}

export function ok(value: unknown): Reply {
  return jsonReply(200, value);
}
