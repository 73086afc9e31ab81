import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

const CHUNK_CHARS = 1 << 20;

/**
 * Writes one line per item to a file, streaming. Lines are gathered into ~1 MB chunks so that millions of small
 * lines cost a few hundred writes, and the items are only pulled as fast as the disk takes the chunks.
 * A synchronous iterable is consumed without a promise per item, which is most of the speed.
 */
export async function writeLines<T>(
  items: Iterable<T> | AsyncIterable<T>,
  path: string,
  toLine: (item: T) => string,
  format: { header?: string; lineEnd?: '\n' | '\r\n' } = {},
): Promise<{ count: number; bytes: number }> {
  // Room for several chunks, so the next chunk is built while the previous ones are still being written.
  const stream = createWriteStream(path, { highWaterMark: 8 * CHUNK_CHARS });
  let failure: Error | undefined;
  // Kept for the whole life of the stream: an error between two writes must not go unhandled.
  stream.on('error', (error) => {
    failure ??= error;
  });
  await once(stream, 'open');

  const lineEnd = format.lineEnd ?? '\n';
  let pending = format.header === undefined ? '' : format.header + lineEnd;
  let bytes = 0;
  let count = 0;
  const flush = async () => {
    if (failure) throw failure;
    const chunk = Buffer.from(pending, 'utf8');
    pending = '';
    bytes += chunk.length;
    if (!stream.write(chunk)) await once(stream, 'drain');
  };

  try {
    if (Symbol.asyncIterator in items) {
      for await (const item of items) {
        pending += toLine(item) + lineEnd;
        count++;
        if (pending.length >= CHUNK_CHARS) await flush();
      }
    } else {
      for (const item of items) {
        pending += toLine(item) + lineEnd;
        count++;
        if (pending.length >= CHUNK_CHARS) await flush();
      }
    }
    if (pending !== '') await flush();
  } catch (error) {
    stream.destroy();
    throw error;
  }
  stream.end();
  await finished(stream);
  if (failure) throw failure;
  return { count, bytes };
}
