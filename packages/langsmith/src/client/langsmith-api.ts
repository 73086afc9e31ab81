import {
  ApiCallError,
  createGuardedFetch,
  createSecretRedactor,
  type RetrySettings,
  retryApiCall,
  type SecretRedactor,
} from '@slokit/adapter-utils';
import type { Langsmith } from 'langsmith';
import type { z } from 'zod';
import type { LangSmithConnection } from '../settings/langsmith-connection.js';
import { listPageSchema, runStatsSchema, runsPageV1Schema, runsPageV2Schema } from './langsmith-schemas.js';
import { type RequestDescription, toApiCallError } from './to-api-call-error.js';

/** Retry knobs tests and callers may change; defaults: 5 attempts, 500 ms doubling backoff, 2 minutes in all. */
export type { RetrySettings };

export interface LangSmithApiOptions {
  retry?: RetrySettings;
  /** The fetch the SDK uses (default: global fetch), always without following redirects. */
  fetch?: typeof fetch;
}

/** One page of `POST /api/v2/runs/query`. */
export interface RunsPageV2 {
  items: unknown[];
  nextCursor: string | null;
}

/** One page of the legacy `POST /runs/query`. */
export interface RunsPageV1 {
  runs: unknown[];
  nextCursor: string | null;
}

interface Call {
  method: 'get' | 'post' | 'patch';
  path: string;
  query?: Record<string, unknown>;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/**
 * The LangSmith endpoints slokit uses, through the official SDK's generated client (`Langsmith`, the client behind
 * `client.runs`), with the SDK's own retries off so that one policy applies everywhere: 429, 5xx, timeouts and
 * broken responses are retried with backoff and jitter, honouring Retry-After, within a bounded time; anything else
 * fails at once with a message naming the endpoint.
 */
export class LangSmithApi {
  /** What the legacy endpoints sit under: `''` for `https://api.smith.langchain.com`, `/api/v1` for self-hosted. */
  private readonly legacyPrefix: string;
  private readonly baseUrl: string;

  private constructor(
    private readonly source: string,
    private readonly connection: LangSmithConnection,
    private readonly client: Langsmith,
    private readonly retry: RetrySettings,
    private readonly redactor: SecretRedactor,
  ) {
    this.baseUrl = openApiBaseUrl(connection.apiUrl);
    this.legacyPrefix = connection.apiUrl.slice(this.baseUrl.length);
  }

  static async create(
    source: string,
    connection: LangSmithConnection,
    options: LangSmithApiOptions = {},
  ): Promise<LangSmithApi> {
    // Loaded on first use, so a config that never reads LangSmith never loads the SDK.
    const { Langsmith, __version__ } = await import('langsmith');
    const redactor = createSecretRedactor({ secrets: [connection.apiKey] });
    const client = new Langsmith({
      apiKey: connection.apiKey,
      tenantID: connection.workspaceId ?? null,
      baseURL: openApiBaseUrl(connection.apiUrl),
      timeout: connection.timeoutMs,
      maxRetries: 0,
      logLevel: 'off',
      defaultHeaders: { 'User-Agent': `slokit langsmith-js/${__version__}` },
      // Never follows a redirect: the key would go along to wherever it points.
      fetch: createGuardedFetch({ source, redactor, ...(options.fetch ? { fetch: options.fetch } : {}) }),
    });
    return new LangSmithApi(source, connection, client, options.retry ?? {}, redactor);
  }

  /** `POST /api/v2/runs/query` through `client.runs.query`: one page. */
  async queryRunsV2(body: Record<string, unknown>, signal?: AbortSignal): Promise<RunsPageV2> {
    const answer = await this.attempt('post', '/api/v2/runs/query', signal, (options) =>
      this.client.runs.query(body as Parameters<Langsmith['runs']['query']>[0], options),
    );
    const page = this.parse(runsPageV2Schema, answer, 'POST', '/api/v2/runs/query');
    return { items: page.items, nextCursor: page.next_cursor ? page.next_cursor : null };
  }

  /** The legacy `POST /runs/query`: one page. */
  async queryRunsV1(body: Record<string, unknown>, signal?: AbortSignal): Promise<RunsPageV1> {
    const path = `${this.legacyPrefix}/runs/query`;
    const answer = await this.request<unknown>({ method: 'post', path, body, signal });
    const response = this.parse(runsPageV1Schema, answer, 'POST', path);
    const next = response.cursors?.next;
    return { runs: response.runs, nextCursor: typeof next === 'string' && next !== '' ? next : null };
  }

  /** `GET /sessions` (offset pages of a bare array), every page. */
  async listSessions(query: Record<string, unknown>, signal?: AbortSignal): Promise<unknown[]> {
    return this.listAll('/sessions', query, signal);
  }

  /** `GET /datasets` (offset pages of a bare array), every page. */
  async listDatasets(query: Record<string, unknown>, signal?: AbortSignal): Promise<unknown[]> {
    return this.listAll('/datasets', query, signal);
  }

  /** `POST /runs/stats`: a flat stats object. */
  async runStats(body: Record<string, unknown>, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const path = `${this.legacyPrefix}/runs/stats`;
    const stats = await this.request<unknown>({ method: 'post', path, body, signal });
    return this.parse(runStatsSchema, stats, 'POST', path);
  }

  /** `POST /feedback`; resolves false when the id exists already (409). */
  async createFeedback(body: Record<string, unknown>, signal?: AbortSignal): Promise<boolean> {
    try {
      await this.request({ method: 'post', path: `${this.legacyPrefix}/feedback`, body, signal });
      return true;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 409) return false;
      throw error;
    }
  }

  /** `PATCH /feedback/{id}`. */
  async updateFeedback(id: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<void> {
    await this.request({
      method: 'patch',
      path: `${this.legacyPrefix}/feedback/${encodeURIComponent(id)}`,
      body,
      signal,
    });
  }

  private async listAll(
    path: string,
    query: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<unknown[]> {
    const limit = 100;
    const all: unknown[] = [];
    for (let offset = 0; ; offset += limit) {
      const answer = await this.request<unknown>({
        method: 'get',
        path: `${this.legacyPrefix}${path}`,
        query: { ...query, offset, limit },
        signal,
      });
      const page = this.parse(listPageSchema, answer, 'GET', `${this.legacyPrefix}${path}`);
      all.push(...page);
      if (page.length < limit) return all;
    }
  }

  private request<T>(call: Call): Promise<T> {
    return this.attempt(call.method, call.path, call.signal, (options) =>
      this.client[call.method]<T>(call.path, {
        ...options,
        ...(call.query === undefined ? {} : { query: call.query }),
        ...(call.body === undefined ? {} : { body: call.body }),
      }),
    );
  }

  /**
   * Runs one request under the shared retry policy: each failure becomes an ApiCallError whose `isRetryable` decides;
   * the one that ends the retries says how many attempts were made.
   */
  private async attempt<T>(
    method: string,
    path: string,
    signal: AbortSignal | undefined,
    send: (options: { maxRetries: 0; timeout: number; signal?: AbortSignal }) => PromiseLike<T>,
  ): Promise<T> {
    const now = this.retry.now ?? Date.now;
    const started = now();
    const request = this.describe(method, path);
    let attempts = 0;
    let lastFailure: unknown;
    try {
      return await retryApiCall(
        async () => {
          attempts++;
          try {
            return await this.sendOnce(send, signal);
          } catch (error) {
            if (signal?.aborted) throw signal.reason ?? error;
            lastFailure = error;
            throw toApiCallError(error, request, { count: 1, elapsedMs: 0 });
          }
        },
        { retry: this.retry, signal },
      );
    } catch (error) {
      if (signal?.aborted) throw signal.reason ?? error;
      if (!ApiCallError.isInstance(error) || lastFailure === undefined) throw error;
      throw toApiCallError(lastFailure, request, { count: attempts, elapsedMs: now() - started });
    }
  }

  /** One request with the SDK's retries off, under a signal of its own. */
  private async sendOnce<T>(
    send: (options: { maxRetries: 0; timeout: number; signal?: AbortSignal }) => PromiseLike<T>,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    if (!signal) return await send({ maxRetries: 0, timeout: this.connection.timeoutMs });
    // The SDK adds an abort listener to the signal of every request and never removes it: give each request a
    // signal of its own, so a long read does not pile listeners onto the caller's.
    const request = new AbortController();
    const forward = () => request.abort(signal.reason);
    signal.throwIfAborted();
    signal.addEventListener('abort', forward, { once: true });
    try {
      return await send({ maxRetries: 0, timeout: this.connection.timeoutMs, signal: request.signal });
    } finally {
      signal.removeEventListener('abort', forward);
    }
  }

  private describe(method: string, path: string): RequestDescription {
    return {
      source: this.source,
      method: method.toUpperCase(),
      url: this.baseUrl + path,
      connection: this.connection,
      redactor: this.redactor,
    };
  }

  /** An answer validated by its wire schema; one that does not fit is a non-retried 502-like failure. */
  private parse<Schema extends z.ZodType>(
    schema: Schema,
    answer: unknown,
    method: string,
    path: string,
  ): z.infer<Schema> {
    const parsed = schema.safeParse(answer);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const problem = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
    throw toApiCallError(
      { status: 502, error: { detail: `unexpected response: ${problem}` } },
      this.describe(method, path),
      { count: 1, elapsedMs: 0 },
    );
  }
}

/** The SDK's rule (`getOpenAPIBaseUrl`): the generated client's base is the API URL without `/api/v1` or `/api`. */
export function openApiBaseUrl(apiUrl: string): string {
  const url = apiUrl.replace(/\/$/, '');
  for (const suffix of ['/api/v1', '/api']) if (url.endsWith(suffix)) return url.slice(0, -suffix.length);
  return url;
}
