import { StringDecoder } from 'node:string_decoder';

/** A line of a text file: its text, or undefined when it was longer than the limit and dropped unread. */
export interface TextLine {
  line: number;
  text: string | undefined;
}

/**
 * Splits a byte stream into lines (`\n` or `\r\n` ended) of at most `maxLineBytes` bytes, a batch per chunk. Each
 * chunk is decoded once and cut at its newlines; a longer line is never held in memory: its text is dropped as it
 * arrives and it comes out without text, so a file with an endless line costs no more memory than the limit. A
 * UTF-8 byte order mark before line 1 is dropped.
 */
export async function* readLines(
  chunks: AsyncIterable<Buffer>,
  maxLineBytes: number,
): AsyncGenerator<TextLine[]> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let tooLong = false;
  let line = 0;
  const finish = (text: string): TextLine => {
    line++;
    const result = { line, text: tooLong || exceeds(text, maxLineBytes) ? undefined : clean(text, line) };
    tooLong = false;
    return result;
  };
  for await (const chunk of chunks) {
    const text = decoder.write(chunk);
    const lines: TextLine[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const piece = text.slice(start, end);
      lines.push(finish(pending.length === 0 ? piece : pending + piece));
      pending = '';
      start = end + 1;
    }
    if (!tooLong) pending += text.slice(start);
    if (exceeds(pending, maxLineBytes)) {
      tooLong = true;
      pending = '';
    }
    if (lines.length > 0) yield lines;
  }
  const rest = pending + decoder.end();
  if (rest.length > 0 || tooLong) yield [finish(rest)];
}

/** Whether a line's UTF-8 encoding is over the limit (a character takes 1 to 3 bytes in UTF-16's range). */
function exceeds(text: string, maxLineBytes: number): boolean {
  return (
    text.length > maxLineBytes || (text.length * 3 > maxLineBytes && Buffer.byteLength(text) > maxLineBytes)
  );
}

function clean(text: string, line: number): string {
  let result = text;
  if (result.endsWith('\r')) result = result.slice(0, -1);
  if (line === 1 && result.startsWith('\uFEFF')) result = result.slice(1);
  return result;
}
