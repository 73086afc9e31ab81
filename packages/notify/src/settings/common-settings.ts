import { parseDuration } from '@slokit/core';
import { z } from 'zod';

/** Per-request timeout when a channel sets none. */
export const defaultTimeoutMs = 10_000;

/** The longest `timeout` a channel may set: a request still unanswered after 10 minutes has failed. */
export const maxTimeoutMs = 600_000;

/** The longest delay a timer takes (2^31-1 ms, about 24.8 days): a longer one fires after 1 ms. */
export const maxTimerMs = 2 ** 31 - 1;

/**
 * `timeout: 10s`: how long one request may take before it counts as failed (and is retried), above 0 and at most
 * 10 minutes. Kept as written (no transform), so validated settings validate again unchanged; `timeoutMs` reads it.
 */
export const timeoutSchema = z.string().superRefine((text, context) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    context.addIssue({ code: 'custom', message: 'expected a duration such as 5s, 0.5s or 1m' });
  } else if (ms <= 0 || ms > maxTimeoutMs) {
    context.addIssue({
      code: 'custom',
      message: 'expected a duration above 0 and at most 10m (a request unanswered that long has failed)',
    });
  }
});

/** The per-request timeout of a channel's `timeout` setting, in milliseconds (at most `maxTimeoutMs`). */
export function timeoutMs(timeout: string | undefined): number {
  const ms = timeout === undefined ? undefined : parseDuration(timeout);
  return ms === undefined || ms <= 0 ? defaultTimeoutMs : Math.min(ms, maxTimeoutMs);
}

/** An http(s) URL. The message never repeats the value: it may hold a secret. */
export const httpUrlSchema = z.string().refine(
  (text) => {
    if (!URL.canParse(text)) return false;
    const protocol = new URL(text).protocol;
    return protocol === 'https:' || protocol === 'http:';
  },
  { message: 'expected an http(s) URL' },
);

/** `schedule: daily`: the channel gets no single alerts, only the report of each UTC day. */
export const scheduleSchema = z.literal('daily', { error: "expected 'daily'" });

/**
 * Extra request headers (`Authorization: Bearer ...`): names HTTP allows, values without line breaks or control
 * characters, so a bad one is a config error here, never a send failure quoting the value. Values are secrets.
 */
export const headersSchema = z.record(
  z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'expected an HTTP header name'),
  z
    .string()
    .regex(/^[\t\x20-\x7e\x80-\xff]*$/, 'expected a header value without line breaks or control characters'),
);
