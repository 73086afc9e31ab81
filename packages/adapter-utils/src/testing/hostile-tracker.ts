import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request a loopback server received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** How the hostile tracker answers every request. */
export type HostileAnswer =
  /** Redirects to the same path on another origin (`elsewhere`), which records what reaches it. */
  | { kind: 'redirect'; status: 301 | 302 | 303 | 307 | 308 }
  /** Answers `status` with a body that echoes every request header, in the error fields trackers use. */
  | { kind: 'echo'; status: number }
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> };

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: ReceivedRequest[];
  stop(): Promise<void>;
}

export interface HostileTracker extends LoopbackServer {
  /** Another origin, where redirects point: nothing should ever reach it. */
  elsewhere: LoopbackServer;
  answer(answer: HostileAnswer): void;
  /** Forgets the requests both servers received. */
  clear(): void;
}

/**
 * A tracker that attacks its client, on loopback: it redirects requests to another origin (to collect the
 * credentials sent along) or echoes the request headers back in an error body (to get them printed). For tests of
 * what an adapter does with such answers.
 */
export async function startHostileTracker(): Promise<HostileTracker> {
  const elsewhere = await startLoopbackServer((_request, response) => {
    respond(response, 200, { stolen: true });
  });
  let current: HostileAnswer = { kind: 'echo', status: 401 };
  const tracker = await startLoopbackServer((request, response) => {
    answerWith(current, request, response, elsewhere.url);
  });
  return {
    ...tracker,
    elsewhere,
    answer(answer) {
      current = answer;
    },
    clear() {
      tracker.requests.length = 0;
      elsewhere.requests.length = 0;
    },
    async stop() {
      await Promise.all([tracker.stop(), elsewhere.stop()]);
    },
  };
}

function answerWith(
  answer: HostileAnswer,
  request: ReceivedRequest,
  response: ServerResponse,
  elsewhere: string,
): void {
  if (answer.kind === 'redirect') {
    response.writeHead(answer.status, { location: `${elsewhere}${request.path}` });
    response.end();
  } else if (answer.kind === 'json') {
    respond(response, answer.status, answer.body, answer.headers);
  } else {
    const echoed = Object.entries(request.headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n');
    respond(response, answer.status, {
      detail: `request was\n${echoed}`,
      message: `request was\n${echoed}`,
      error_code: answer.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL_ERROR',
      reason: echoed,
      headers: request.headers,
    });
  }
}

/** A loopback HTTP server that records every request and answers with `handle`. */
export async function startLoopbackServer(
  handle: (request: ReceivedRequest, response: ServerResponse) => void,
): Promise<LoopbackServer> {
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer(async (incoming: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const request: ReceivedRequest = {
      method: incoming.method ?? 'GET',
      path: incoming.url ?? '/',
      headers: Object.fromEntries(
        Object.entries(incoming.headers).map(([name, value]) => [name, String(value)]),
      ),
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(request);
    handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function respond(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
