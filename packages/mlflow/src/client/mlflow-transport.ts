import {
  ApiCallError,
  createSecretRedactor,
  type HttpSettings,
  type RetrySettings,
  requestBytes,
  requestJson,
  stripUrlCredentials,
} from '@slokit/adapter-utils';
import type { z } from 'zod';
import { authorizationHeader, type MlflowAuth } from '../settings/resolve-mlflow-connection.js';
import { describeMlflowFailure, parseMlflowErrorBody } from './describe-mlflow-failure.js';

export interface MlflowClientOptions {
  /** `http(s)://host[:port][/prefix]` of the tracking server (or the Databricks workspace). */
  trackingUri: string;
  auth?: MlflowAuth;
  /** Which variables the credentials came from (secret redacted), named in 401/403 errors. */
  credentialSource?: string;
  /** Per-request timeout. Default 120 s, like MLFLOW_HTTP_REQUEST_TIMEOUT. */
  timeoutMs?: number;
  /** Attempts and backoff of retries (408, 425, 429, 5xx, network errors), honouring Retry-After. Default 8. */
  retry?: RetrySettings;
  /** Shown as the source of errors (`source 'prod': ...`). Default `mlflow`. */
  name?: string;
  fetch?: typeof globalThis.fetch;
  userAgent?: string;
}

export interface MlflowRequest<Schema extends z.ZodType> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | readonly string[] | undefined>;
  /** A JSON body; undefined fields are left out. */
  body?: unknown;
  rawBody?: Buffer | string;
  schema: Schema;
  /** Safe to repeat after an ambiguous failure (a 500, a dropped connection). Creates and metric appends are not. */
  idempotent: boolean;
  signal?: AbortSignal | undefined;
}

/**
 * How the MLflow client calls its tracking server: the shared transport (no redirects, one retry policy, errors
 * redacted of the token, password and Basic header), MLflow's wording of failures, and its credentials.
 */
export class MlflowTransport {
  /** The server, without credentials or a trailing slash. */
  readonly trackingUri: string;
  private readonly http: HttpSettings;
  private readonly headers: Record<string, string>;

  constructor(options: MlflowClientOptions) {
    this.trackingUri = stripUrlCredentials(options.trackingUri).replace(/\/+$/, '');
    const authorization = authorizationHeader(options.auth);
    this.headers = authorization ? { authorization } : {};
    this.http = {
      source: options.name ?? 'mlflow',
      timeoutMs: options.timeoutMs ?? 120_000,
      redactor: createSecretRedactor({
        secrets: [options.auth?.type === 'bearer' ? options.auth.token : options.auth?.password],
        authorization: [authorization],
        urls: [options.trackingUri],
      }),
      describe: describeMlflowFailure(this.trackingUri, options.credentialSource),
      retry: { maxAttempts: 8, initialDelayMs: 1000, maxTotalMs: 120_000, ...options.retry },
      userAgent: options.userAgent ?? 'slokit-mlflow',
      ...(options.fetch ? { fetch: options.fetch } : {}),
    };
  }

  /** One call, its JSON answer validated by the request's schema. */
  request<Schema extends z.ZodType>(spec: MlflowRequest<Schema>): Promise<z.infer<Schema>> {
    return requestJson(
      {
        method: spec.method,
        baseUrl: this.trackingUri,
        path: spec.path,
        ...(spec.query ? { query: spec.query } : {}),
        headers: this.headers,
        ...(spec.rawBody !== undefined
          ? { body: spec.rawBody }
          : spec.method === 'POST' || spec.method === 'PATCH'
            ? { json: spec.body ?? {} }
            : {}),
      },
      this.http,
      spec.schema,
      { signal: spec.signal, idempotent: spec.idempotent },
    );
  }

  /** The same, resolving to undefined when MLflow answers 404 RESOURCE_DOES_NOT_EXIST. */
  async find<Schema extends z.ZodType>(spec: MlflowRequest<Schema>): Promise<z.infer<Schema> | undefined> {
    try {
      return await this.request(spec);
    } catch (error) {
      if (
        ApiCallError.isInstance(error) &&
        error.statusCode === 404 &&
        parseMlflowErrorBody(error.responseBody)?.error_code === 'RESOURCE_DOES_NOT_EXIST'
      ) {
        return undefined;
      }
      throw error;
    }
  }

  /** A GET whose answer is bytes (an artifact). */
  download(path: string, query: Record<string, string>, signal: AbortSignal | undefined): Promise<Buffer> {
    return requestBytes(
      { method: 'GET', baseUrl: this.trackingUri, path, query, headers: this.headers },
      this.http,
      { signal },
    );
  }
}
