import type { ServerResponse } from 'node:http';
import { delay } from './delay.js';
import type { Reply } from './reply.js';

/** Lines are written in chunks of about this many characters, waiting for the client when it falls behind. */
const chunkSize = 65_536;

/** Writes a reply, damaged as it asks; nothing when the client has gone already. */
export async function writeReply(response: ServerResponse, reply: Reply): Promise<void> {
  if (response.destroyed) return;
  if (reply.lines) {
    await writeLines(response, reply, reply.lines);
    return;
  }
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : (reply.body ?? Buffer.alloc(0));
  const cut = reply.damage?.cut;
  if (cut === undefined) {
    response.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
    response.end(body);
    return;
  }
  const half = body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
  // A truncated body is a complete response (its length says so); a reset one promises the whole body.
  const length = cut === 'truncate' ? half.length : body.length;
  response.writeHead(reply.status, { ...reply.headers, 'content-length': String(length) });
  if (cut === 'truncate') response.end(half);
  else resetAfter(response, half);
}

/** Streams lines with backpressure, cutting the stream or pacing the lines when the reply's damage says so. */
async function writeLines(response: ServerResponse, reply: Reply, lines: Iterable<string>): Promise<void> {
  response.writeHead(reply.status, reply.headers);
  let closed = false;
  response.on('close', () => {
    closed = true;
  });
  const cut = reply.damage?.cut;
  const cutAfter = cut === undefined ? undefined : (reply.damage?.afterLines ?? 0);
  const lineDelay = reply.damage?.lineDelayMs ?? 0;
  let buffer = '';
  let written = 0;
  const flush = async () => {
    if (buffer === '' || closed) return;
    const writable = response.write(buffer);
    buffer = '';
    if (!writable && !closed) await drainOrClose(response);
  };
  for (const line of lines) {
    if (closed) return;
    if (written === cutAfter) {
      finish(response, buffer + line.slice(0, Math.max(1, Math.floor(line.length / 2))), cut);
      return;
    }
    buffer += `${line}\n`;
    written++;
    if (lineDelay > 0) {
      await flush();
      await delay(lineDelay);
    } else if (buffer.length >= chunkSize) await flush();
  }
  if (closed) return;
  // Fewer lines than the cut wants: the stream still ends inside an unfinished line.
  finish(response, cutAfter === undefined ? buffer : `${buffer}{"id": "`, cut);
}

function finish(response: ServerResponse, last: string, cut: 'truncate' | 'reset' | undefined): void {
  if (cut === 'reset') resetAfter(response, last);
  else response.end(last);
}

/** Writes the last chunk, then destroys the connection once the chunk has left. */
function resetAfter(response: ServerResponse, chunk: string | Buffer): void {
  response.write(chunk, () => response.socket?.destroy());
}

/** Waits until the client has taken the data written so far, or has gone. */
function drainOrClose(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
