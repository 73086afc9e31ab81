import { ApiCallError } from '../errors/api-call-error.js';
import { markNotProcessed } from '../retry/not-processed.js';
import { stripUrlCredentials } from '../secrets/url-credentials.js';
import { describeCause } from './describe-cause.js';
import { failureError } from './failure-error.js';
import type { HttpFailureKind } from './http-failure.js';
import { type HttpRequest, requestUrl } from './http-request.js';
import type { HttpSettings } from './http-settings.js';
import { redirectOrigin } from './redirect-origin.js';

/**
 * One attempt at one request: sends it without following redirects, under the time limit and the caller's signal,
 * and turns every way it can fail into a redacted ApiCallError. The time limit covers reading the answer too.
 */
export class HttpAttempt {
  readonly url: string;
  private readonly timeout: AbortSignal;
  private readonly combined: AbortSignal;

  constructor(
    readonly request: HttpRequest,
    private readonly settings: HttpSettings,
    private readonly signal?: AbortSignal | undefined,
  ) {
    this.url = requestUrl(request);
    this.timeout = AbortSignal.timeout(settings.timeoutMs);
    this.combined = signal ? AbortSignal.any([signal, this.timeout]) : this.timeout;
  }

  /** The answer, once its status is a success; its body is left to read. */
  async send(): Promise<Response> {
    this.signal?.throwIfAborted();
    let response: Response;
    try {
      response = await (this.settings.fetch ?? globalThis.fetch)(this.url, {
        method: this.request.method,
        headers: this.headers(),
        ...this.body(),
        signal: this.combined,
        redirect: 'manual',
      });
    } catch (error) {
      throw this.transportFailure(error);
    }
    if (isRedirect(response)) {
      await response.body?.cancel().catch(() => {});
      const origin = redirectOrigin(response.headers.get('location'), this.url);
      throw this.fail({ kind: 'redirect', status: response.status, origin });
    }
    if (!response.ok) {
      const body = await response.text().catch(() => '');
      throw this.fail({
        kind: 'status',
        status: response.status,
        statusText: response.statusText,
        body,
        headers: response.headers,
      });
    }
    return response;
  }

  /** The whole answer as text. */
  async readText(response: Response): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      throw this.transportFailure(error, 'the connection broke while reading the answer');
    }
  }

  /** The whole answer as bytes. */
  async readBytes(response: Response): Promise<Buffer> {
    try {
      return Buffer.from(await response.arrayBuffer());
    } catch (error) {
      throw this.transportFailure(error, 'the connection broke while reading the answer');
    }
  }

  /**
   * What a failure to get or read an answer means: the caller's abort (its reason, rethrown as it is), the time
   * limit, or a broken connection (before the answer, or while reading it when `reading` says where).
   */
  transportFailure(error: unknown, reading?: string): unknown {
    if (this.signal?.aborted) return this.signal.reason ?? error;
    if (ApiCallError.isInstance(error)) return error;
    if (this.timeout.aborted)
      return this.fail({ kind: 'timeout', timeoutMs: this.settings.timeoutMs }, error);
    const reason = describeCause(error);
    if (reading !== undefined) return this.fail({ kind: 'broken-body', what: reading, reason }, error);
    const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
    const failure = this.fail(
      { kind: 'network', code: typeof code === 'string' ? code : undefined, reason },
      error,
    );
    // A refused connection never reached the server: even a create may be sent again.
    return code === 'ECONNREFUSED' ? markNotProcessed(failure) : failure;
  }

  /** The ApiCallError of a failure of this attempt, worded by the adapter, redacted. */
  fail(kind: HttpFailureKind, cause?: unknown): ApiCallError {
    return failureError(
      {
        ...kind,
        method: this.request.method,
        url: stripUrlCredentials(this.url),
        path: this.request.path,
        ...(cause === undefined ? {} : { cause }),
      },
      this.settings,
    );
  }

  private headers(): Record<string, string> {
    const request = this.request;
    return {
      accept: 'application/json',
      ...(this.settings.userAgent ? { 'user-agent': this.settings.userAgent } : {}),
      ...(request.json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(request.body !== undefined ? { 'content-type': 'application/octet-stream' } : {}),
      ...request.headers,
    };
  }

  private body(): { body?: string | Uint8Array } {
    if (this.request.body !== undefined) return { body: this.request.body };
    if (this.request.json !== undefined) return { body: JSON.stringify(this.request.json) };
    return {};
  }
}

function isRedirect(response: Response): boolean {
  return (
    response.type === 'opaqueredirect' ||
    (response.status >= 300 && response.status < 400 && response.status !== 304)
  );
}
