import { ApiCallError, type RetryOptions, retryWithBackoff } from '@slokit/core';
import type { z } from 'zod';
import {
  type FailureContext,
  failedResponse,
  failedTransport,
  malformedResponse,
} from './api-call-failure.js';
import { jsonlLines } from './jsonl-lines.js';
import { parseJsonLine } from './parse-json-line.js';
import {
  type CallBatchItem,
  type CallsQueryRequest,
  type CallsQueryStatsRequest,
  callReadResponseSchema,
  callStartResponseSchema,
  type EndedCall,
  type FeedbackCreateRequest,
  type FeedbackQueryRequest,
  feedbackCreateResponseSchema,
  feedbackQueryResponseSchema,
  healthSchema,
  type ObjectReadRequest,
  objectReadResponseSchema,
  queryStatsResponseSchema,
  type ServerInfo,
  type StartedCall,
  serverInfoSchema,
  upsertBatchResponseSchema,
  type WeaveCall,
  type WeaveObject,
} from './trace-server-types.js';

export interface TraceServerClientOptions {
  /** The trace server: `https://trace.wandb.ai`, `https://<host>/traces`, or `WF_TRACE_SERVER_URL` verbatim. */
  baseUrl: string;
  /** The W&B API key, sent as the Basic-auth password of user `api`. */
  apiKey: string;
  /** Where the key came from, for messages (`WANDB_API_KEY`). */
  apiKeyVariable?: string;
  /** The configured source name, for error messages. */
  source: string;
  fetch?: typeof fetch;
  /** Per-request time limit; for a stream, until its last byte. Default 60 s. */
  timeoutMs?: number;
  /** Retry policy for 429, 5xx and network failures (core's retryWithBackoff options). */
  retry?: Partial<Omit<RetryOptions, 'classify' | 'signal'>>;
}

export type StreamedCall = { line: number; value: unknown };

/**
 * A small typed client for the W&B Weave trace server HTTP API. Every endpoint is a POST of JSON except GET
 * `/health` and `/server_info`; `/calls/stream_query` answers JSONL, parsed line by line as it arrives. JSON calls
 * retry 429, 5xx and network failures with backoff (honouring Retry-After); streams are retried by their reader.
 */
export class TraceServerClient {
  readonly baseUrl: string;
  private readonly authorization: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: TraceServerClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.authorization = `Basic ${Buffer.from(`api:${options.apiKey}`).toString('base64')}`;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** GET /health: `{"status": "ok"}` on the reference server; any 2xx means reachable. */
  health(signal?: AbortSignal): Promise<z.infer<typeof healthSchema>> {
    return this.withRetry(() => this.requestJson('GET', '/health', undefined, healthSchema, signal), signal);
  }

  /** GET /server_info: `{"min_required_weave_python_version": "x.y.z", ...}`. */
  serverInfo(signal?: AbortSignal): Promise<ServerInfo> {
    return this.withRetry(
      () => this.requestJson('GET', '/server_info', undefined, serverInfoSchema, signal),
      signal,
    );
  }

  /**
   * POST /calls/stream_query: yields each call line's parsed JSON as its bytes arrive. Throws an ApiCallError,
   * retryable, when the connection breaks or the stream ends inside a line; the caller decides whether to retry.
   */
  async *streamCalls(request: CallsQueryRequest, signal?: AbortSignal): AsyncGenerator<StreamedCall> {
    const path = '/calls/stream_query';
    const context = this.context('POST', path);
    const response = await this.send('POST', path, request, signal, { accept: 'application/jsonl' });
    const body = response.body;
    if (!body) return;
    let lines = 0;
    try {
      for await (const line of jsonlLines(body as AsyncIterable<Uint8Array>)) {
        let value: unknown;
        try {
          value = parseJsonLine(line.text);
        } catch (error) {
          if (!line.terminated) {
            throw failedTransport(
              context,
              `the stream ended in the middle of line ${line.number}, after ${lines} complete call(s)`,
              error,
            );
          }
          throw failedTransport(context, `line ${line.number} of the stream is not JSON`, error);
        }
        lines++;
        yield { line: line.number, value };
      }
    } catch (error) {
      if (error instanceof ApiCallError) throw error;
      if (signal?.aborted) throw signal.reason;
      throw failedTransport(context, `the connection broke after ${lines} call(s) of the stream`, error);
    }
  }

  /** Reads a whole stream_query answer into an array, retrying the request: for small answers only. */
  async queryCalls(request: CallsQueryRequest, signal?: AbortSignal): Promise<unknown[]> {
    return this.withRetry(async () => {
      const calls: unknown[] = [];
      for await (const entry of this.streamCalls(request, signal)) calls.push(entry.value);
      return calls;
    }, signal);
  }

  /** POST /calls/query_stats: how many calls match. */
  async queryStats(request: CallsQueryStatsRequest, signal?: AbortSignal): Promise<number> {
    const response = await this.post('/calls/query_stats', request, queryStatsResponseSchema, signal);
    return response.count;
  }

  /** POST /call/read: one call, or null when the server has none with this id. */
  async readCall(
    request: { project_id: string; id: string; include_costs?: boolean },
    signal?: AbortSignal,
  ): Promise<WeaveCall | null> {
    const response = await this.post('/call/read', request, callReadResponseSchema, signal);
    return response.call;
  }

  /** POST /feedback/query. */
  async queryFeedback(
    request: FeedbackQueryRequest,
    signal?: AbortSignal,
  ): Promise<Array<Record<string, unknown>>> {
    const response = await this.post('/feedback/query', request, feedbackQueryResponseSchema, signal);
    return response.result;
  }

  /** POST /feedback/create, once: a retry could write the feedback twice, so callers decide. */
  createFeedback(request: FeedbackCreateRequest, signal?: AbortSignal): Promise<{ id: string }> {
    return this.requestJson('POST', '/feedback/create', request, feedbackCreateResponseSchema, signal);
  }

  /** POST /call/upsert_batch: starts and ends of calls with client ids, so a retry rewrites the same calls. */
  async upsertBatch(batch: CallBatchItem[], signal?: AbortSignal): Promise<unknown[]> {
    const response = await this.post('/call/upsert_batch', { batch }, upsertBatchResponseSchema, signal);
    return response.res;
  }

  /** POST /call/start. */
  startCall(start: StartedCall, signal?: AbortSignal): Promise<{ id: string; trace_id: string }> {
    return this.post('/call/start', { start }, callStartResponseSchema, signal);
  }

  /** POST /call/end. */
  async endCall(end: EndedCall, signal?: AbortSignal): Promise<void> {
    await this.post('/call/end', { end }, undefined, signal);
  }

  /** POST /obj/read. */
  async readObject(request: ObjectReadRequest, signal?: AbortSignal): Promise<WeaveObject> {
    const response = await this.post('/obj/read', request, objectReadResponseSchema, signal);
    return response.obj;
  }

  /** Runs `operation` with the client's retry policy: 429, 5xx and network failures again, others at once. */
  withRetry<T>(operation: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return retryWithBackoff(operation, {
      maxAttempts: 5,
      maxTotalMs: 60_000,
      ...this.options.retry,
      classify: (error) =>
        error instanceof ApiCallError && error.isRetryable
          ? { retry: true, retryAfterMs: error.retryAfterMs }
          : { retry: false },
      ...(signal ? { signal } : {}),
    });
  }

  private post<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S | undefined,
    signal: AbortSignal | undefined,
  ): Promise<z.infer<S>> {
    return this.withRetry(() => this.requestJson('POST', path, body, schema, signal), signal);
  }

  private async requestJson<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    schema: S | undefined,
    signal: AbortSignal | undefined,
  ): Promise<z.infer<S>> {
    const context = this.context(method, path);
    const response = await this.send(method, path, body, signal, { accept: 'application/json' });
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw failedTransport(context, 'the connection broke while reading the answer', error);
    }
    let parsed: unknown;
    try {
      parsed = text.trim() === '' ? {} : JSON.parse(text);
    } catch (error) {
      // A cut-off body is a transport failure (retryable); the server does not send broken JSON on purpose.
      throw failedTransport(context, `the answer is not complete JSON (${text.length} bytes)`, error);
    }
    if (!schema) return parsed as z.infer<S>;
    const result = schema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw malformedResponse(
        context,
        `unexpected answer: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`,
      );
    }
    return result.data;
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
    headers: Record<string, string>,
  ): Promise<Response> {
    const context = this.context(method, path);
    signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    try {
      response = await this.fetch(context.url, {
        method,
        headers: {
          authorization: this.authorization,
          'user-agent': 'slokit-weave',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw failedTransport(
        context,
        timeout.aborted ? `no answer within ${this.timeoutMs} ms` : 'request failed',
        error,
      );
    }
    if (!response.ok) {
      let text = '';
      try {
        text = await response.text();
      } catch {
        // The status says enough.
      }
      throw failedResponse(
        context,
        response.status,
        response.statusText,
        text,
        response.headers.get('retry-after'),
      );
    }
    return response;
  }

  private context(method: string, path: string): FailureContext {
    const url = `${this.baseUrl}${path}`;
    return {
      source: this.options.source,
      endpoint: `${method} ${url}`,
      url,
      apiKey: this.options.apiKey,
      apiKeyVariable: this.options.apiKeyVariable ?? 'WANDB_API_KEY',
    };
  }
}
