import { createReadStream } from 'node:fs';
import type { FileRow } from './file-row.js';
import { readLines } from './read-lines.js';

/**
 * Streams JSONL in chunks of parsed rows; blank lines are skipped, malformed ones and lines longer than
 * `maxLineBytes` become problems.
 */
export async function* readJsonlRows(path: string, maxLineBytes: number): AsyncGenerator<FileRow[]> {
  const chunks = createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const lines of readLines(chunks, maxLineBytes)) {
    const rows: FileRow[] = [];
    for (const { line, text } of lines) {
      if (text === undefined) {
        rows.push({ value: undefined, line, problem: tooLongProblem(maxLineBytes) });
        continue;
      }
      if (text.length === 0) continue;
      try {
        rows.push({ value: JSON.parse(text) as unknown, line, problem: undefined });
      } catch (error) {
        if (text.trim() === '') continue;
        rows.push({ value: undefined, line, problem: `not valid JSON (${(error as Error).message})` });
      }
    }
    if (rows.length > 0) yield rows;
  }
}

function tooLongProblem(maxLineBytes: number): string {
  return `line longer than ${maxLineBytes.toLocaleString('en-US')} bytes (raise maxLineBytes on the source to read it)`;
}
