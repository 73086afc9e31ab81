import { invalidParameter } from './emulator-error.js';

/** MLflow's SQL stores page with base64 of Python's `json.dumps({"offset": N})`, e.g. `eyJvZmZzZXQiOiAxfQ==`. */
export function encodePageToken(offset: number): string {
  return Buffer.from(`{"offset": ${offset}}`).toString('base64');
}

/** The offset in a page token; 400 INVALID_PARAMETER_VALUE for anything that is not one of ours. */
export function decodePageToken(token: string | undefined): number {
  if (token === undefined || token === '') return 0;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token) || token.length % 4 !== 0) {
    throw invalidParameter('Invalid page token, could not base64-decode');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    throw invalidParameter(`Invalid page token, decoded value=${token}`);
  }
  const offset = (parsed as { offset?: unknown } | null)?.offset;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) {
    throw invalidParameter(`Invalid page token, parsed value=${JSON.stringify(parsed)}`);
  }
  return offset;
}
