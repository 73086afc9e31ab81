import type { IncomingHttpHeaders } from 'node:http';
import { delay } from '../test-server/delay.js';
import { FaultInjector } from '../test-server/fault-injector.js';
import { jsonValue, parseJsonBody } from '../test-server/parse-json-body.js';
import { type Answer, retryAfterHeader, textReply } from '../test-server/reply.js';
import { startTestServer, type TestRequest } from '../test-server/start-test-server.js';

/** One request the receiver got, with what it answered. */
export interface ReceivedRequest {
  method: string;
  /** The path and query: for webhook receivers this holds the URL's secret part. */
  path: string;
  headers: Record<string, string>;
  /** The raw body, exactly as sent (signatures are over these bytes). */
  body: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
  /** When it arrived (epoch ms). */
  at: number;
  /** The status answered; null while unanswered (a `timeout` fault holds it). */
  status: number | null;
  /** Whether the receiver accepted it as a delivered message. */
  accepted: boolean;
  /** Why the receiver rejected it: each broken format rule or limit. */
  problems: string[];
}

/**
 * A failure injected into every request until cleared (or for `times` requests):
 * - `status`: answer this status (with `retryAfter` as the Retry-After header, and `body`);
 * - `timeout`: record the request and never answer it (until the fault is cleared or the receiver stops);
 * - `slow`: process the request, answer after `delayMs` (the message is delivered; the answer is late);
 * - `refused`: stop listening, so connections are refused, until the fault is cleared.
 */
export type ReceiverFault =
  | { kind: 'status'; status: number; retryAfter?: string; body?: string; times?: number }
  | { kind: 'timeout'; times?: number }
  | { kind: 'slow'; delayMs: number; times?: number }
  | { kind: 'refused' };

/** What a receiver answers a request that got through the faults. */
export interface ReceiverReply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Counted as a delivered message. */
  accepted: boolean;
  problems?: string[];
}

export interface HttpReceiverOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Decides the answer to a request (validation of the payload, authentication). */
  handle: (request: ReceivedRequest) => ReceiverReply;
  /** The default body of an injected status, per status. */
  faultBody?: (status: number) => { body: string; contentType: string };
  contentType?: string;
}

export interface HttpReceiver {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Every request, in arrival order. */
  readonly requests: ReceivedRequest[];
  /** Requests it accepted as messages. */
  accepted(): ReceivedRequest[];
  fault(fault: ReceiverFault | null): Promise<void>;
  /** Forgets the recorded requests. */
  clear(): void;
  stop(): Promise<void>;
}

/**
 * A local HTTP server on loopback that records every request and injects faults; the Slack, Teams, Discord and
 * webhook receivers build on it with their own validation and answers.
 */
export async function startHttpReceiver(options: HttpReceiverOptions): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  // A fault holds until it is cleared, or for its `times` requests.
  const faults = new FaultInjector<Exclude<ReceiverFault, { kind: 'refused' }>>([], {
    defaultTimes: Infinity,
  });
  let refused = false;

  const handle = async (request: TestRequest): Promise<Answer> => {
    const received: ReceivedRequest = {
      method: request.method,
      path: request.target,
      headers: flatHeaders(request.headers),
      body: request.body.toString('utf8'),
      json: jsonValue(parseJsonBody(request.body)),
      at: Date.now(),
      status: null,
      accepted: false,
      problems: [],
    };
    requests.push(received);
    const fault = faults.next(request.method, request.path);
    if (fault?.kind === 'timeout') return 'hold';
    if (fault?.kind === 'status') {
      const fallback = options.faultBody?.(fault.status) ?? { body: '', contentType: 'text/plain' };
      received.status = fault.status;
      received.problems = [`injected ${fault.status}`];
      return textReply(
        fault.status,
        fault.body ?? fallback.body,
        fallback.contentType,
        retryAfterHeader(fault.retryAfter),
      );
    }
    const reply = options.handle(received);
    received.status = reply.status;
    received.accepted = reply.accepted;
    received.problems = reply.problems ?? [];
    if (fault?.kind === 'slow') await delay(fault.delayMs);
    const contentType = options.contentType ?? 'text/plain; charset=utf-8';
    return textReply(reply.status, reply.body ?? '', contentType, reply.headers);
  };

  const server = await startTestServer({ port: options.port ?? 0, handle });
  return {
    get url() {
      return server.url;
    },
    get port() {
      return server.port;
    },
    requests,
    accepted: () => requests.filter((request) => request.accepted),
    async fault(next) {
      const wasRefused = refused;
      refused = next?.kind === 'refused';
      faults.clear();
      if (next !== null && next.kind !== 'refused') faults.add(next);
      if (next === null) server.releaseHeld();
      if (refused && !wasRefused) await server.stop();
      if (wasRefused && !refused) await server.listen();
    },
    clear() {
      requests.length = 0;
    },
    stop: () => server.stop(),
  };
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) flat[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** The idempotency key a request carries: `webhook-id` (Standard Webhooks) or `idempotency-key`. */
export function idempotencyKey(request: ReceivedRequest): string | null {
  return request.headers['webhook-id'] ?? request.headers['idempotency-key'] ?? null;
}

/** Accepted requests with duplicates (same idempotency key) dropped, as a receiver that dedupes keeps them. */
export function uniqueMessages(requests: readonly ReceivedRequest[]): ReceivedRequest[] {
  const seen = new Set<string>();
  return requests.filter((request) => {
    if (!request.accepted) return false;
    const key = idempotencyKey(request);
    if (key === null) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
