import { safeRecordObject, setDottedPath } from '@slokit/core/internal';

/**
 * Builds a record from a CSV row: dotted headers (`scores.accuracy`, `metadata.model`) become nested objects and
 * empty cells are left out. A header that would reach a prototype (`__proto__.url`, `constructor.prototype.x`) is
 * never set; the first such header with a value is returned as `forbidden`, so the row can be reported.
 */
export function nestDottedKeys(
  header: readonly string[],
  cells: readonly string[],
): { value: Record<string, unknown>; forbidden: string | undefined } {
  const value = safeRecordObject();
  let forbidden: string | undefined;
  for (let index = 0; index < header.length; index++) {
    const cell = cells[index];
    if (cell === undefined || cell === '') continue;
    const key = header[index]!;
    if (!setDottedPath(value, key, cell)) forbidden ??= key;
  }
  return { value, forbidden };
}
