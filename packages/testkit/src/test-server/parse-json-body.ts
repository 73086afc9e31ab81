/** A request body read as JSON. */
export type JsonBody =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown }
  | { kind: 'invalid'; message: string }
  | { kind: 'too-large'; bytes: number; maxBytes: number };

/** Parses a body as JSON; a body over `maxBytes` is not parsed at all. */
export function parseJsonBody(body: Buffer, options: { maxBytes?: number } = {}): JsonBody {
  if (options.maxBytes !== undefined && body.length > options.maxBytes)
    return { kind: 'too-large', bytes: body.length, maxBytes: options.maxBytes };
  if (body.length === 0) return { kind: 'empty' };
  try {
    return { kind: 'json', value: JSON.parse(body.toString('utf8')) };
  } catch (error) {
    return { kind: 'invalid', message: (error as Error).message };
  }
}

/** The JSON value of a body; undefined when it is empty, too large or not JSON. */
export function jsonValue(body: JsonBody): unknown {
  return body.kind === 'json' ? body.value : undefined;
}
