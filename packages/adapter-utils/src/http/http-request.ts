export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | ReadonlyArray<string | number> | undefined;

/** One call to a tracker's API. */
export interface HttpRequest {
  method: HttpMethod;
  /** The API's base, without credentials: `https://mlflow.example.com/prefix`. */
  baseUrl: string;
  /** Appended to the base and named in messages: `/api/2.0/mlflow/runs/search`. */
  path: string;
  /** Query parameters; undefined ones are left out, lists repeat the name. */
  query?: Readonly<Record<string, QueryValue>>;
  /** Sent as they are, after the defaults (`accept`, `user-agent`, `content-type`): credentials go here. */
  headers?: Readonly<Record<string, string>>;
  /** A body sent as JSON. */
  json?: unknown;
  /** A body sent as it is (`application/octet-stream` unless `headers` say otherwise). */
  body?: string | Uint8Array;
}

/** The request's URL: base, path and query. */
export function requestUrl(request: Pick<HttpRequest, 'baseUrl' | 'path' | 'query'>): string {
  const url = new URL(request.baseUrl.replace(/\/+$/, '') + request.path);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
    else url.searchParams.set(key, String(value));
  }
  return url.toString();
}
