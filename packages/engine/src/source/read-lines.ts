/** A line of a text file: its text, or undefined when it was longer than the limit and dropped unread. */
export interface TextLine {
  line: number;
  text: string | undefined;
}

const newline = 0x0a;

/**
 * Splits a byte stream into lines (`\n` or `\r\n` ended) of at most `maxLineBytes` bytes, a batch per chunk. A
 * longer line is never held in memory: its bytes are dropped as they arrive and it comes out without text, so a
 * file with an endless line costs no more memory than the limit. A UTF-8 byte order mark before line 1 is dropped.
 */
export async function* readLines(
  chunks: AsyncIterable<Buffer>,
  maxLineBytes: number,
): AsyncGenerator<TextLine[]> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let line = 0;
  const finish = (last: Buffer): TextLine => {
    line++;
    const text = tooLong
      ? undefined
      : decodeLine(pending.length === 0 ? last : Buffer.concat([...pending, last]), line);
    pending = [];
    pendingBytes = 0;
    tooLong = false;
    return { line, text };
  };
  for await (const chunk of chunks) {
    const lines: TextLine[] = [];
    let start = 0;
    while (start < chunk.length) {
      const end = chunk.indexOf(newline, start);
      const stop = end === -1 ? chunk.length : end;
      if (!tooLong && pendingBytes + (stop - start) > maxLineBytes) {
        tooLong = true;
        pending = [];
      }
      if (end === -1) {
        if (!tooLong) pending.push(chunk.subarray(start));
        pendingBytes += stop - start;
        break;
      }
      lines.push(finish(chunk.subarray(start, end)));
      start = end + 1;
    }
    if (lines.length > 0) yield lines;
  }
  if (pendingBytes > 0) yield [finish(Buffer.alloc(0))];
}

function decodeLine(bytes: Buffer, line: number): string {
  let text = bytes.toString('utf8');
  if (text.endsWith('\r')) text = text.slice(0, -1);
  if (line === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
  return text;
}
