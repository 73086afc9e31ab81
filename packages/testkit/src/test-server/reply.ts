/** How a reply is broken on the wire, as a flaky network or an overloaded server breaks it. */
export interface ReplyDamage {
  /**
   * `truncate`: a complete response whose body is cut in half (or, for lines, in the middle of the line after
   * `afterLines` whole lines); `reset`: the same cut, then the connection is destroyed.
   */
  cut?: 'truncate' | 'reset';
  /** For lines: whole lines sent before the cut; default 0. */
  afterLines?: number;
  /** For lines: the wait between lines. */
  lineDelayMs?: number;
}

/** An HTTP answer: a whole body, or JSON Lines streamed with backpressure. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Streamed one per line instead of `body`. */
  lines?: Iterable<string>;
  damage?: ReplyDamage;
}

/**
 * What a handler answers: a reply; `hold` to keep the request unanswered until the server releases it (a client
 * timeout); `drop` to destroy the connection without an answer.
 */
export type Answer = Reply | 'hold' | 'drop';

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(value ?? null),
  };
}

export function textReply(
  status: number,
  text: string | Buffer,
  contentType: string,
  headers: Record<string, string> = {},
): Reply {
  return { status, headers: { 'content-type': contentType, ...headers }, body: text };
}

/** The `Retry-After` header of a value in seconds or an HTTP date; none when absent. */
export function retryAfterHeader(value: string | number | undefined): Record<string, string> {
  return value === undefined ? {} : { 'retry-after': String(value) };
}
