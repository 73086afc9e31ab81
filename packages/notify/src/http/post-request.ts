import { ChannelError } from '@slokit/core';
import { maxTimerMs } from '../settings/common-settings.js';
import { redactSecrets } from './redact-secrets.js';
import { redirectError } from './redirect-error.js';
import { type ResponseOutcome, statusOutcome } from './response-outcome.js';
import { statusError } from './status-error.js';

export interface PostRequestOptions {
  /** The configured channel name, for errors. */
  channel: string;
  /** What the endpoint is, for errors: `Slack webhook`, `webhook endpoint`. Never the URL. */
  endpoint: string;
  url: string;
  body: string;
  headers?: Record<string, string>;
  /** Per-request timeout: no answer within it is a retryable failure. */
  timeoutMs: number;
  /** Aborts the request (the caller is stopping): rethrown as is, not a channel failure. */
  signal?: AbortSignal;
  /** Values never to show in an error (the URL, its path, keys). */
  secrets: readonly string[];
  /** HTTP statuses that mean the endpoint is gone (dead). Default 404 and 410. */
  deadStatuses?: readonly number[];
  /** Which status is a success. Default: any 2xx. Ignored when `classify` is given. */
  isSuccess?: (status: number, text: string) => boolean;
  /** What an answer means, for endpoints whose status does not tell it all. Default: `isSuccess`. */
  classify?: (response: PostResponse) => ResponseOutcome;
  fetch?: typeof globalThis.fetch;
}

export interface PostResponse {
  status: number;
  headers: Headers;
  text: string;
}

const networkCodes = /\b(E[A-Z]{3,}|UND_ERR_[A-Z_]+)\b/;

/**
 * POSTs one message to a channel's endpoint with a per-request timeout, and turns every way it can fail into a
 * ChannelError: no answer in time, connection refused or reset (retryable), a redirect (never followed: see
 * `redirectError`), or an answer that is not a delivery (see `statusError`). Errors never carry the URL or any
 * secret.
 */
export async function postRequest(options: PostRequestOptions): Promise<PostResponse> {
  const response = await send(options);
  const location = response.headers.get('location');
  if (response.status >= 300 && response.status < 400 && location !== null) {
    throw redirectError({
      channel: options.channel,
      endpoint: options.endpoint,
      url: options.url,
      status: response.status,
      location,
    });
  }
  const outcome = classify(options, response);
  if (outcome.delivered) return response;
  if ('reason' in outcome) {
    throw new ChannelError(options.channel, redactSecrets(outcome.reason, options.secrets), {
      retryable: outcome.retryable,
    });
  }
  throw statusError({
    channel: options.channel,
    endpoint: options.endpoint,
    status: outcome.status,
    body: response.text,
    retryAfter: response.headers.get('retry-after'),
    secrets: options.secrets,
    ...(options.deadStatuses ? { deadStatuses: options.deadStatuses } : {}),
  });
}

async function send(options: PostRequestOptions): Promise<PostResponse> {
  // Timers take at most 2^31-1 ms: a longer delay fires at once.
  const timeout = AbortSignal.timeout(Math.min(Math.max(1, options.timeoutMs), maxTimerMs));
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const fetchImplementation = options.fetch ?? globalThis.fetch;
  try {
    const answer = await fetchImplementation(options.url, {
      method: 'POST',
      body: options.body,
      headers: { 'content-type': 'application/json', ...options.headers },
      // A redirect would carry the body and the credential headers to another origin: report it instead.
      redirect: 'manual',
      signal,
    });
    return { status: answer.status, headers: answer.headers, text: await answer.text() };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw networkError(options, error, timeout.aborted);
  }
}

function classify(options: PostRequestOptions, response: PostResponse): ResponseOutcome {
  if (options.classify) return options.classify(response);
  if (!options.isSuccess) return statusOutcome(response);
  return options.isSuccess(response.status, response.text)
    ? { delivered: true }
    : { delivered: false, status: response.status };
}

function networkError(options: PostRequestOptions, error: unknown, timedOut: boolean): ChannelError {
  if (timedOut) {
    return new ChannelError(
      options.channel,
      `no answer from the ${options.endpoint} within ${formatSeconds(options.timeoutMs)} (timeout)`,
      { retryable: true },
    );
  }
  // fetch reports a bad URL as a TypeError whose message quotes the URL: never pass it on.
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const code =
    typeof cause?.code === 'string'
      ? cause.code
      : networkCodes.exec(String(cause?.message ?? (error as Error)?.message ?? ''))?.[1];
  if (
    code === 'ERR_INVALID_URL' ||
    (code === undefined && error instanceof TypeError && /url/i.test(error.message))
  ) {
    return new ChannelError(options.channel, `the ${options.endpoint} URL is not a valid URL`, {
      retryable: false,
    });
  }
  const reason = code ?? redactSecrets(String((error as Error)?.message ?? error), options.secrets);
  return new ChannelError(options.channel, `could not reach the ${options.endpoint} (${reason})`, {
    retryable: true,
  });
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${Number((ms / 1000).toFixed(1))}s`;
}
