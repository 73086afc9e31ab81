import { writeLines } from './write-lines.js';

/**
 * Writes records as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break).
 * `columns` are dotted paths into each record, and the header row names them as given: `scores.accuracy`,
 * `metadata.model`, `tokens.total`. Missing values are empty; objects and arrays are written as JSON.
 */
export async function writeCsv(
  records: Iterable<object> | AsyncIterable<object>,
  path: string,
  columns: readonly string[],
): Promise<{ count: number; bytes: number }> {
  if (columns.length === 0) throw new RangeError('writeCsv needs at least one column');
  const paths = columns.map((column) => column.split('.'));
  const header = columns.map(csvField).join(',');
  const toRow = (record: object) => {
    let row = '';
    for (let i = 0; i < paths.length; i++) {
      if (i > 0) row += ',';
      row += csvField(valueAt(record, paths[i]!));
    }
    return row;
  };
  return await writeLines(records, path, toRow, { header, lineEnd: '\r\n' });
}

function valueAt(record: object, path: readonly string[]): unknown {
  let value: unknown = record;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
