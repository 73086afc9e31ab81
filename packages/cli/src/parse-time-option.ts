import { parseDuration } from '@slokit/core';
import { UsageError } from './usage-error.js';

/** An ISO 8601 option such as --now or --since; undefined when not given. */
export function parseTimeOption(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw new UsageError(
      `${name}: expected an ISO 8601 time such as 2026-11-26T14:00:00Z, found ${JSON.stringify(value)}`,
    );
  }
  return date;
}

/** A duration option such as --every 5m or --for 2h, in ms. */
export function parseDurationOption(name: string, value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined)
    throw new UsageError(
      `${name}: expected a duration such as 30m, 2h or 7d, found ${JSON.stringify(value)}`,
    );
  return ms;
}
