import { isRetryableStatus, parseRetryAfter } from '@slokit/adapter-utils';
import { ChannelError } from '@slokit/core';
import { redactSecrets } from './redact-secrets.js';

export interface StatusErrorOptions {
  channel: string;
  endpoint: string;
  status: number;
  body: string;
  retryAfter?: string | null;
  /** Default 404 and 410. */
  deadStatuses?: readonly number[];
  secrets: readonly string[];
  now?: number;
}

/**
 * What an HTTP status that is not a success means for delivery: 429 (with Retry-After), 408, 425 and 5xx are worth
 * retrying; 404/410 mean the endpoint is gone (dead); 401/403 and other 4xx are a problem a retry will not fix.
 */
export function statusError(options: StatusErrorOptions): ChannelError {
  const { channel, endpoint, status } = options;
  const detail = bodyExcerpt(options.body, options.secrets);
  const what = `HTTP ${status}${detail ? ` ${detail}` : ''}`;
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(options.retryAfter, options.now) ?? bodyRetryAfter(options.body);
    return new ChannelError(
      channel,
      `rate limited by the ${endpoint} (${what})${retryAfterMs === undefined ? '' : `; retry after ${Math.ceil(retryAfterMs / 1000)}s`}`,
      { retryable: true, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
    );
  }
  if (isRetryableStatus(status)) {
    const retryAfterMs = parseRetryAfter(options.retryAfter, options.now);
    return new ChannelError(channel, `the ${endpoint} failed (${what}); will retry`, {
      retryable: true,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if ((options.deadStatuses ?? [404, 410]).includes(status)) {
    return new ChannelError(
      channel,
      `the ${endpoint} is gone (${what}): the endpoint no longer exists; messages to it are marked dead until channels.${channel} points at a working endpoint`,
      { retryable: false, dead: true },
    );
  }
  if (status === 401 || status === 403) {
    return new ChannelError(
      channel,
      `the ${endpoint} refused the message (${what}); check the credentials in channels.${channel}`,
      { retryable: false },
    );
  }
  return new ChannelError(channel, `the ${endpoint} rejected the message (${what})`, { retryable: false });
}

/** The first line of a response body, short and with secrets and URLs removed. */
export function bodyExcerpt(body: string, secrets: readonly string[]): string {
  const line = body.trim().split('\n')[0]?.trim() ?? '';
  const clean = redactSecrets(line, secrets);
  return clean.length > 200 ? `${clean.slice(0, 199)}…` : clean;
}

/** Discord (and others) also say it in the body: `{"retry_after": 1.5}` in seconds. */
function bodyRetryAfter(body: string): number | undefined {
  try {
    const value = (JSON.parse(body) as { retry_after?: unknown }).retry_after;
    return typeof value === 'number' && Number.isFinite(value) && value >= 0
      ? Math.round(value * 1000)
      : undefined;
  } catch {
    return undefined;
  }
}
