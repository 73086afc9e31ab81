import type { IncomingHttpHeaders } from 'node:http';
import type { TestRequest } from '../test-server/start-test-server.js';
import { queryObject } from './query-object.js';

/** A request as the emulator received it, Authorization header included. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: IncomingHttpHeaders;
  body: string;
}

export function recordRequest(request: TestRequest): RecordedRequest {
  return {
    method: request.method,
    path: request.path,
    query: queryObject(request.query),
    headers: request.headers,
    body: request.body.toString('utf8'),
  };
}
