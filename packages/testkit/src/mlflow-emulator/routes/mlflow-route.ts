import type { IncomingHttpHeaders } from 'node:http';
import { jsonReply, type Reply } from '../../test-server/reply.js';
import type { Router } from '../../test-server/router.js';
import type { Json } from '../store/request-fields.js';

export interface MlflowRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  /** The JSON body of a POST or PATCH, the query of a GET or DELETE; `{}` otherwise. */
  json: Json;
  params: Record<string, string>;
}

export interface MlflowRoute {
  handle(request: MlflowRequest): Reply;
  /** Whether POST/PATCH bodies must be JSON (every MLflow API route but the artifact upload). */
  json: boolean;
}

export type MlflowRouter = Router<MlflowRoute>;

/** The paths of the REST API, version 2.0 and 3.0. */
export const api2 = (path: string) => `/api/2.0/mlflow/${path}`;
export const api3 = (path: string) => `/api/3.0/mlflow/${path}`;

/** A route of the JSON API. */
export function apiRoute(handle: (request: MlflowRequest) => Reply): MlflowRoute {
  return { handle, json: true };
}

export function ok(value: unknown = {}): Reply {
  return jsonReply(200, value);
}
