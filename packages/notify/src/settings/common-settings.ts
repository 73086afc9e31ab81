import { parseDuration } from '@slokit/core';
import { z } from 'zod';

/** Per-request timeout when a channel sets none. */
export const defaultTimeoutMs = 10_000;

/**
 * `timeout: 10s`: how long one request may take before it counts as failed (and is retried). Kept as written (no
 * transform), so validated settings validate again unchanged; `timeoutMs` reads it.
 */
export const timeoutSchema = z.string().refine((text) => parseDuration(text) !== undefined, {
  message: 'expected a duration such as 5s, 0.5s or 1m',
});

/** The per-request timeout of a channel's `timeout` setting, in milliseconds. */
export function timeoutMs(timeout: string | undefined): number {
  return timeout === undefined ? defaultTimeoutMs : (parseDuration(timeout) ?? defaultTimeoutMs);
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
