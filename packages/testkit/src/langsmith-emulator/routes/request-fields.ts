import { EmulatorHttpError } from '../emulator-http-error.js';
import { isObject } from '../emulator-records.js';

export function object(value: unknown): Record<string, unknown> {
  if (!isObject(value)) throw new EmulatorHttpError(422, 'expected a JSON object body');
  return value;
}

export function stringArray(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new EmulatorHttpError(422, `expected a list of strings, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function clampInteger(value: unknown, fallback: number, min: number, max: number): number {
  if (value === null || value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min)
    throw new EmulatorHttpError(422, `invalid page size or offset ${String(value)}`);
  if (number > max) throw new EmulatorHttpError(422, `page size ${number} is over the maximum of ${max}`);
  return number;
}

/** `offset`/`limit` paging of bare arrays; limit is at most 100. */
export function offsetPage<T>(query: URLSearchParams, items: T[]): T[] {
  const offset = clampInteger(query.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = clampInteger(query.get('limit'), 100, 1, 100);
  return items.slice(offset, offset + limit);
}
