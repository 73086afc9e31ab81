/**
 * Epoch ms of a LangSmith timestamp. The legacy API returns UTC times without a zone and with microseconds
 * (`2026-11-26T12:00:30.123456`); v2 returns RFC 3339. A time without a zone is UTC (the SDK appends `Z` too).
 * Undefined when the value is not a time.
 */
export function parseLangSmithTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    value.trim(),
  );
  if (!match) return undefined;
  const [, seconds, fraction = '', zone = 'Z'] = match;
  const whole = Date.parse(`${seconds}${zone.toUpperCase() === 'Z' ? 'Z' : zone}`);
  if (Number.isNaN(whole)) return undefined;
  return whole + Number(`0.${fraction || '0'}`) * 1000;
}
