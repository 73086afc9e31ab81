import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

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
  const sockets = new Set<Socket>();
  const held = new Set<ServerResponse>();
  let fault: (ReceiverFault & { hits: number }) | null = null;
  let server: Server | undefined;
  let port = options.port ?? 0;

  const takeFault = (): ReceiverFault | null => {
    if (!fault || fault.kind === 'refused') return null;
    if (fault.times !== undefined && fault.hits >= fault.times) return null;
    fault.hits++;
    return fault;
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer((request, response) => {
        void handle(request, response).catch(() => response.destroy());
      });
      next.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        port = (next.address() as AddressInfo).port;
        server = next;
        resolve();
      });
    });

  const close = () =>
    new Promise<void>((resolve) => {
      for (const response of held) response.destroy();
      held.clear();
      for (const socket of sockets) socket.destroy();
      if (!server) return resolve();
      const closing = server;
      server = undefined;
      closing.close(() => resolve());
    });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    let json: unknown;
    try {
      json = body === '' ? undefined : JSON.parse(body);
    } catch {
      json = undefined;
    }
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
    }
    const received: ReceivedRequest = {
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      headers,
      body,
      json,
      at: Date.now(),
      status: null,
      accepted: false,
      problems: [],
    };
    requests.push(received);
    const active = takeFault();
    if (active?.kind === 'timeout') {
      held.add(response);
      response.on('close', () => held.delete(response));
      return;
    }
    if (active?.kind === 'status') {
      const fallback = options.faultBody?.(active.status) ?? { body: '', contentType: 'text/plain' };
      received.status = active.status;
      received.problems = [`injected ${active.status}`];
      response.writeHead(active.status, {
        'content-type': fallback.contentType,
        ...(active.retryAfter === undefined ? {} : { 'retry-after': active.retryAfter }),
      });
      response.end(active.body ?? fallback.body);
      return;
    }
    const reply = options.handle(received);
    received.status = reply.status;
    received.accepted = reply.accepted;
    received.problems = reply.problems ?? [];
    if (active?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, active.delayMs));
    if (response.destroyed) return;
    response.writeHead(reply.status, {
      'content-type': options.contentType ?? 'text/plain; charset=utf-8',
      ...reply.headers,
    });
    response.end(reply.body ?? '');
  }

  await listen();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    requests,
    accepted: () => requests.filter((request) => request.accepted),
    async fault(next) {
      const wasRefused = fault?.kind === 'refused';
      fault = next === null ? null : { ...next, hits: 0 };
      if (next === null) {
        for (const response of held) response.destroy();
        held.clear();
      }
      if (next?.kind === 'refused' && !wasRefused) await close();
      if (wasRefused && next?.kind !== 'refused') await listen();
    },
    clear() {
      requests.length = 0;
    },
    stop: close,
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
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
