import { invalidParameter, missingParameter } from '../emulator-error.js';

/** A JSON object of a request or a response. */
export type Json = Record<string, unknown>;

export function runIdOf(body: Json): string | undefined {
  return stringField(body, 'run_id') || stringField(body, 'run_uuid');
}

export function asObject(value: unknown): Json {
  return isPlainObject(value) ? (value as Json) : {};
}

export function isPlainObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);
}

export function stringField(body: Json, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

export function integerField(body: Json, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number))
    throw invalidParameter(`Invalid value ${JSON.stringify(value)} for parameter '${name}' supplied.`);
  return Math.trunc(number);
}

export function stringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => String(item));
}

export function keyValueList(value: unknown, path: string): Array<{ key: string; value: string }> {
  if (!Array.isArray(value)) return [];
  return value.map((item, index) => {
    const entry = asObject(item);
    const key = stringField(entry, 'key');
    if (key === undefined) throw missingParameter(`${path}[${index}].key`);
    return { key, value: stringField(entry, 'value') ?? '' };
  });
}

export function stringMap(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(asObject(value))) {
    if (item !== undefined && item !== null)
      result[key] = typeof item === 'string' ? item : JSON.stringify(item);
  }
  return result;
}

export function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}
