import { parseDecimal } from '../record/parse-decimal.js';

/**
 * The sample a metric field's value gives: numbers count as themselves, booleans as 1/0, decimal strings (CSV
 * columns, metadata) as numbers. `undefined`: the value is absent and does not count; `null`: it is present but not
 * a finite number (`"0x10"`, `"Infinity"`, an object), and is reported as ignored.
 */
export function toSample(value: unknown): number | undefined | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') {
    const number = parseDecimal(value);
    return Number.isFinite(number) ? number : null;
  }
  return null;
}
