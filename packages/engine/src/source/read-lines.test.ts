import { describe, expect, it } from 'vitest';
import { readLines, type TextLine } from './read-lines.js';

async function linesOf(chunks: Array<string | Buffer>, maxLineBytes = 1024): Promise<TextLine[]> {
  async function* stream() {
    for (const chunk of chunks) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  }
  const lines: TextLine[] = [];
  for await (const batch of readLines(stream(), maxLineBytes)) lines.push(...batch);
  return lines;
}

describe('readLines', () => {
  it('splits on \\n and \\r\\n across chunks, with or without a final newline', async () => {
    expect(await linesOf(['a\r\nb', 'c\n', '\nd'])).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'bc' },
      { line: 3, text: '' },
      { line: 4, text: 'd' },
    ]);
  });

  it('keeps a multi-byte character split between chunks', async () => {
    const bytes = Buffer.from('é€\n');
    expect(await linesOf([bytes.subarray(0, 1), bytes.subarray(1, 3), bytes.subarray(3)])).toEqual([
      { line: 1, text: 'é€' },
    ]);
  });

  it('drops a byte order mark before the first line only', async () => {
    expect(await linesOf(['\uFEFFa\n\uFEFFb\n'])).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: '\uFEFFb' },
    ]);
  });

  it('gives a line over the limit without text and reads on', async () => {
    expect(await linesOf(['ok\n12345', '6789\nfine\n', '123456789'], 8)).toEqual([
      { line: 1, text: 'ok' },
      { line: 2, text: undefined },
      { line: 3, text: 'fine' },
      { line: 4, text: undefined },
    ]);
    expect(await linesOf(['12345678\n'], 8)).toEqual([{ line: 1, text: '12345678' }]);
  });

  it('gives a line far beyond the limit as one line without text', async () => {
    async function* longLine() {
      for (let index = 0; index < 64; index++) yield Buffer.alloc(1 << 20, 0x61);
      yield Buffer.from('\n{}\n');
    }
    const lines: TextLine[] = [];
    for await (const batch of readLines(longLine(), 1 << 20)) lines.push(...batch);
    expect(lines).toEqual([
      { line: 1, text: undefined },
      { line: 2, text: '{}' },
    ]);
  });
});
