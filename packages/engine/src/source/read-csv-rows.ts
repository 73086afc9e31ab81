import { createReadStream } from 'node:fs';
import { forbiddenKeyProblem, InputError } from '@slokit/core/internal';
import type { FileRow } from './file-row.js';
import { nestDottedKeys } from './nest-dotted-keys.js';

/**
 * Streams CSV rows as records built from the header's dotted names. A row with more or fewer fields than the header
 * becomes a problem of its own (the rest of the file is still read); a file the parser cannot follow (an unclosed
 * quote, a record longer than `maxRecordBytes`) is an InputError.
 */
export async function* readCsvRows(path: string, maxRecordBytes: number): AsyncGenerator<FileRow[]> {
  const { parse } = await import('csv-parse');
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      info: true,
      max_record_size: maxRecordBytes,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }),
  );
  let header: string[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (header === undefined) {
        header = record;
        continue;
      }
      yield [toRow(header, record, info.lines)];
    }
  } catch (error) {
    const csvError = error as { code?: string; lines?: number; message: string };
    if (csvError.code?.startsWith('CSV_')) {
      throw new InputError(path, csvError.lines, `not valid CSV: ${csvError.message}`, { cause: error });
    }
    throw error;
  }
}

function toRow(header: string[], cells: string[], line: number): FileRow {
  if (cells.length !== header.length) {
    const problem = `not valid CSV: expected ${header.length} fields as in the header, found ${cells.length}`;
    return { value: undefined, line, problem };
  }
  const { value, forbidden } = nestDottedKeys(header, cells);
  return { value, line, problem: forbidden === undefined ? undefined : forbiddenKeyProblem(forbidden) };
}
