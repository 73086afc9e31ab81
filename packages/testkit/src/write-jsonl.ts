import { writeLines } from './write-lines.js';

/** Writes one JSON object per line (JSON Lines), streaming; resolves with the record count and file size in bytes. */
export async function writeJsonl(
  records: Iterable<object> | AsyncIterable<object>,
  path: string,
): Promise<{ count: number; bytes: number }> {
  return await writeLines(records, path, (record) => JSON.stringify(record));
}
