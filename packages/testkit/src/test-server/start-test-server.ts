import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Answer, Reply } from './reply.js';
import { writeReply } from './write-reply.js';

/** A request with its whole body read. */
export interface TestRequest {
  /** Upper case. */
  method: string;
  /** The request target as sent: path and query. */
  target: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Whether the client has gone (it timed out, or reset the connection). */
  clientGone(): boolean;
}

export interface TestServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  handle(request: TestRequest): Answer | Promise<Answer>;
  /** The answer when `handle` throws; without it, the connection is destroyed. */
  onError?: (error: unknown) => Reply;
}

/** A local HTTP server for tests: it listens on loopback, can stop listening and listen again on the same port. */
export interface TestServer {
  /** `http://<address>:<port>`, an IPv6 address in brackets. */
  readonly url: string;
  readonly port: number;
  readonly listening: boolean;
  /** Listens again on the same port after `stop`. */
  listen(): Promise<void>;
  /** Destroys the requests held by a `hold` answer. */
  releaseHeld(): void;
  /** Stops listening (new connections are refused) and destroys every open connection and held request. */
  stop(): Promise<void>;
}

export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const held = new Set<ServerResponse>();
  let server: Server | undefined;
  let port = options.port ?? 0;
  let address = options.host ?? '127.0.0.1';

  const serve = async (incoming: IncomingMessage, response: ServerResponse) => {
    const answer = await options.handle(await readRequest(incoming, response));
    if (answer === 'drop') incoming.socket.destroy();
    else if (answer === 'hold') {
      held.add(response);
      response.on('close', () => held.delete(response));
    } else await writeReply(response, answer);
  };

  const onRequest = (incoming: IncomingMessage, response: ServerResponse) => {
    serve(incoming, response).catch((error: unknown) => {
      if (options.onError && !response.headersSent && !response.destroyed)
        void writeReply(response, options.onError(error));
      else response.destroy();
    });
  };

  const releaseHeld = () => {
    for (const response of held) response.destroy();
    held.clear();
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer(onRequest);
      next.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      next.once('error', reject);
      next.listen(port, options.host ?? '127.0.0.1', () => {
        const bound = next.address() as AddressInfo;
        port = bound.port;
        address = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
        server = next;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      releaseHeld();
      for (const socket of sockets) socket.destroy();
      if (!server) return resolve();
      const closing = server;
      server = undefined;
      closing.close(() => resolve());
    });

  await listen();
  return {
    get url() {
      return `http://${address}:${port}`;
    },
    get port() {
      return port;
    },
    get listening() {
      return server !== undefined;
    },
    listen,
    releaseHeld,
    stop,
  };
}

async function readRequest(incoming: IncomingMessage, response: ServerResponse): Promise<TestRequest> {
  const body = await readBody(incoming);
  const target = incoming.url ?? '/';
  const url = new URL(target, 'http://test-server');
  return {
    method: (incoming.method ?? 'GET').toUpperCase(),
    target,
    path: url.pathname,
    query: url.searchParams,
    headers: incoming.headers,
    body,
    clientGone: () => response.destroyed,
  };
}

function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}
