import {
  createSecretRedactor,
  HttpAttempt,
  type HttpRequest,
  type HttpSettings,
  type RetrySettings,
  requestJson,
  retryApiCall,
  stripUrlCredentials,
} from '@slokit/adapter-utils';
import { z } from 'zod';
import { describeWeaveFailure } from './describe-weave-failure.js';
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
  /** Attempts and backoff of the retry policy (429, 5xx, network failures); default 5 attempts within 60 s. */
  retry?: RetrySettings;
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
  private readonly http: HttpSettings;

  constructor(options: TraceServerClientOptions) {
    this.baseUrl = stripUrlCredentials(options.baseUrl).replace(/\/+$/, '');
    this.authorization = `Basic ${Buffer.from(`api:${options.apiKey}`).toString('base64')}`;
    this.http = {
      source: options.source,
      timeoutMs: options.timeoutMs ?? 60_000,
      redactor: createSecretRedactor({
        secrets: [options.apiKey],
        authorization: [this.authorization],
        urls: [options.baseUrl],
      }),
      describe: describeWeaveFailure(options.apiKeyVariable ?? 'WANDB_API_KEY', options.apiKey),
      retry: { maxAttempts: 5, maxTotalMs: 60_000, ...options.retry },
      userAgent: 'slokit-weave',
      ...(options.fetch ? { fetch: options.fetch } : {}),
    };
  }

  /** GET /health: `{"status": "ok"}` on the reference server; any 2xx means reachable. */
  health(signal?: AbortSignal): Promise<z.infer<typeof healthSchema>> {
    return requestJson(this.request('GET', '/health'), this.http, healthSchema, { signal });
  }

  /** GET /server_info: `{"min_required_weave_python_version": "x.y.z", ...}`. */
  serverInfo(signal?: AbortSignal): Promise<ServerInfo> {
    return requestJson(this.request('GET', '/server_info'), this.http, serverInfoSchema, { signal });
  }

  /**
   * POST /calls/stream_query: yields each call line's parsed JSON as its bytes arrive. Throws an ApiCallError,
   * retryable, when the connection breaks or the stream ends inside a line; the caller decides whether to retry.
   */
  async *streamCalls(request: CallsQueryRequest, signal?: AbortSignal): AsyncGenerator<StreamedCall> {
    const attempt = new HttpAttempt(
      { ...this.request('POST', '/calls/stream_query', request), headers: this.headers('application/jsonl') },
      this.http,
      signal,
    );
    const body = (await attempt.send()).body;
    if (!body) return;
    let lines = 0;
    try {
      for await (const line of jsonlLines(body as AsyncIterable<Uint8Array>)) {
        let value: unknown;
        try {
          value = parseJsonLine(line.text);
        } catch (error) {
          const what = line.terminated
            ? `line ${line.number} of the stream is not JSON`
            : `the stream ended in the middle of line ${line.number}, after ${lines} complete call(s)`;
          throw attempt.fail({ kind: 'broken-body', what, reason: (error as Error).message }, error);
        }
        lines++;
        yield { line: line.number, value };
      }
    } catch (error) {
      throw attempt.transportFailure(error, `the connection broke after ${lines} call(s) of the stream`);
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
    const once = { ...this.http, retry: { ...this.http.retry, maxAttempts: 1 } };
    return requestJson(
      this.request('POST', '/feedback/create', request),
      once,
      feedbackCreateResponseSchema,
      {
        signal,
      },
    );
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
    await this.post('/call/end', { end }, z.unknown(), signal);
  }

  /** POST /obj/read. */
  async readObject(request: ObjectReadRequest, signal?: AbortSignal): Promise<WeaveObject> {
    const response = await this.post('/obj/read', request, objectReadResponseSchema, signal);
    return response.obj;
  }

  /** Runs `operation` with the client's retry policy: 429, 5xx and network failures again, others at once. */
  withRetry<T>(operation: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return retryApiCall(operation, { retry: this.http.retry, signal });
  }

  private post<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S,
    signal: AbortSignal | undefined,
  ): Promise<z.infer<S>> {
    return requestJson(this.request('POST', path, body), this.http, schema, { signal });
  }

  private request(method: 'GET' | 'POST', path: string, body?: unknown): HttpRequest {
    return {
      method,
      baseUrl: this.baseUrl,
      path,
      headers: this.headers('application/json'),
      ...(body === undefined ? {} : { json: body }),
    };
  }

  private headers(accept: string): Record<string, string> {
    return { authorization: this.authorization, accept };
  }
}
