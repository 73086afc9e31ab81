/** MLflow stores ±Infinity as ±float max and returns it as `1.7976931348623157e+308`. */
const floatMax = Number.MAX_VALUE;

/**
 * Reads a double as MLflow's JSON carries it: a number, or one of the strings "NaN", "Infinity", "-Infinity"
 * (proto3 JSON writes non-finite doubles as strings; numeric strings are accepted too). Float max reads as Infinity,
 * since that is what a logged Infinity comes back as. Anything else is NaN.
 */
export function parseMetricValue(value: unknown): number {
  if (typeof value === 'number') {
    if (value >= floatMax) return Number.POSITIVE_INFINITY;
    if (value <= -floatMax) return Number.NEGATIVE_INFINITY;
    return value;
  }
  if (typeof value !== 'string') return Number.NaN;
  const text = value.trim();
  if (text === 'NaN') return Number.NaN;
  if (text === 'Infinity') return Number.POSITIVE_INFINITY;
  if (text === '-Infinity') return Number.NEGATIVE_INFINITY;
  if (text === '') return Number.NaN;
  const number = Number(text);
  return Number.isNaN(number) ? Number.NaN : parseMetricValue(number);
}

/** Writes a double for MLflow's JSON: non-finite values as the strings MLflow accepts. */
export function formatMetricValue(value: number): number | 'NaN' | 'Infinity' | '-Infinity' {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return value;
}
