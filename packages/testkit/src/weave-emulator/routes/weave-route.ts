import { jsonReply, type Reply } from '../../test-server/reply.js';
import type { Router } from '../../test-server/router.js';
import { InvalidRequestError } from '../call-query.js';
import type { Shape } from '../request-shapes.js';
import type { ProjectStore } from '../trace-store.js';

export type RequestBody = Record<string, unknown>;

export interface WeaveRoute {
  /** The request model the JSON body must fit (422 otherwise). */
  shape?: Shape;
  /** Health and server info answer without credentials. */
  public?: boolean;
  /** The body is not JSON (a multipart upload). */
  raw?: boolean;
  handle(body: unknown, raw: Buffer): Reply;
}

export type WeaveRouter = Router<WeaveRoute>;

/** The state of one `entity/project`, created empty on first use. */
export type ProjectLookup = (projectId: string) => ProjectStore;

export function ok(value: unknown): Reply {
  return jsonReply(200, value);
}

/** A JSON Lines stream. */
export function jsonLines(lines: Iterable<string>): Reply {
  return { status: 200, headers: { 'content-type': 'application/jsonl' }, lines };
}

/** `offset` or `limit`: absent, or a count (400 when negative). */
export function nonNegative(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if ((value as number) < 0) throw new InvalidRequestError(`${name} must be non-negative`);
  return value as number;
}

/** The `offset`/`limit` page of a body's rows. */
export function pageOf<T>(rows: T[], body: RequestBody): T[] {
  const offset = nonNegative(body.offset, 'offset') ?? 0;
  const limit = nonNegative(body.limit, 'limit');
  return rows.slice(offset, limit === undefined ? undefined : offset + limit);
}
