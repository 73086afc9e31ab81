/** A finite number: what a chart can place (null, undefined, NaN and infinities are gaps). */
export function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
