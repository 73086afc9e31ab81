import { type RetryOptions, retryWithBackoff } from '@slokit/core';
import type { Langsmith } from 'langsmith';
import type { LangSmithConnection } from './langsmith-connection.js';
import { classifyFailure, toApiCallError } from './to-api-call-error.js';

/** Retry knobs tests and callers may change; defaults: 5 attempts, 500 ms doubling backoff, 2 minutes in all. */
export type RetrySettings = Partial<
  Pick<
    RetryOptions,
    'maxAttempts' | 'initialDelayMs' | 'maxDelayMs' | 'maxTotalMs' | 'sleep' | 'random' | 'now'
  >
>;

export interface LangSmithApiOptions {
  retry?: RetrySettings;
  /** The fetch the SDK uses (default: global fetch). */
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
    const client = new Langsmith({
      apiKey: connection.apiKey,
      tenantID: connection.workspaceId ?? null,
      baseURL: openApiBaseUrl(connection.apiUrl),
      timeout: connection.timeoutMs,
      maxRetries: 0,
      logLevel: 'off',
      defaultHeaders: { 'User-Agent': `slokit langsmith-js/${__version__}` },
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    return new LangSmithApi(source, connection, client, options.retry ?? {});
  }

  /** `POST /api/v2/runs/query` through `client.runs.query`: one page. */
  async queryRunsV2(body: Record<string, unknown>, signal?: AbortSignal): Promise<RunsPageV2> {
    const page = await this.attempt('post', '/api/v2/runs/query', signal, (options) =>
      this.client.runs.query(body as Parameters<Langsmith['runs']['query']>[0], options),
    );
    if (!Array.isArray(page.items))
      throw this.unexpected('POST', '/api/v2/runs/query', 'items is not a list');
    return { items: page.items, nextCursor: page.next_cursor ? page.next_cursor : null };
  }

  /** The legacy `POST /runs/query`: one page. */
  async queryRunsV1(body: Record<string, unknown>, signal?: AbortSignal): Promise<RunsPageV1> {
    const response = await this.request<{ runs?: unknown; cursors?: { next?: unknown } | null }>({
      method: 'post',
      path: `${this.legacyPrefix}/runs/query`,
      body,
      signal,
    });
    if (!Array.isArray(response?.runs))
      throw this.unexpected('POST', `${this.legacyPrefix}/runs/query`, 'runs is not a list');
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
    const stats = await this.request<unknown>({
      method: 'post',
      path: `${this.legacyPrefix}/runs/stats`,
      body,
      signal,
    });
    if (stats === null || typeof stats !== 'object')
      throw this.unexpected('POST', `${this.legacyPrefix}/runs/stats`, 'not an object');
    return stats as Record<string, unknown>;
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
      const page = await this.request<unknown>({
        method: 'get',
        path: `${this.legacyPrefix}${path}`,
        query: { ...query, offset, limit },
        signal,
      });
      if (!Array.isArray(page))
        throw this.unexpected('GET', `${this.legacyPrefix}${path}`, 'expected a list');
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

  /** Runs one request with slokit's retry policy and turns its failure into an ApiCallError. */
  private async attempt<T>(
    method: string,
    path: string,
    signal: AbortSignal | undefined,
    send: (options: { maxRetries: 0; timeout: number; signal?: AbortSignal }) => PromiseLike<T>,
  ): Promise<T> {
    const now = this.retry.now ?? Date.now;
    const started = now();
    let attempts = 0;
    try {
      return await retryWithBackoff(
        async () => {
          attempts++;
          if (!signal) return await send({ maxRetries: 0, timeout: this.connection.timeoutMs });
          // The SDK adds an abort listener to the signal of every request and never removes it: give each request
          // a signal of its own, so a long read does not pile listeners onto the caller's.
          const request = new AbortController();
          const forward = () => request.abort(signal.reason);
          signal.throwIfAborted();
          signal.addEventListener('abort', forward, { once: true });
          try {
            return await send({ maxRetries: 0, timeout: this.connection.timeoutMs, signal: request.signal });
          } finally {
            signal.removeEventListener('abort', forward);
          }
        },
        { ...this.retry, classify: classifyFailure, ...(signal ? { signal } : {}) },
      );
    } catch (error) {
      if (signal?.aborted) throw signal.reason ?? error;
      throw toApiCallError(
        error,
        {
          source: this.source,
          method: method.toUpperCase(),
          url: this.baseUrl + path,
          connection: this.connection,
        },
        { count: attempts, elapsedMs: now() - started },
      );
    }
  }

  private unexpected(method: string, path: string, problem: string) {
    return toApiCallError(
      { status: 502, error: { detail: `unexpected response: ${problem}` } },
      { source: this.source, method, url: this.baseUrl + path, connection: this.connection },
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
