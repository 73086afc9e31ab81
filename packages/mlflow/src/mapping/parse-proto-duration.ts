/**
 * Milliseconds in a protobuf Duration as JSON writes it: seconds with 0, 3, 6 or 9 fractional digits and an `s`
 * (`"3.600s"`, `"0.000250s"`, `"12s"`). Undefined when the text is not a non-negative duration.
 */
export function parseProtoDuration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)(?:\.(\d{1,9}))?s$/.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]);
  const fraction = match[2] === undefined ? 0 : Number(`0.${match[2]}`);
  // Rounded to the microsecond so that "3.600s" is exactly 3600, not 3600.0000000000005.
  return Math.round((seconds + fraction) * 1e6) / 1e3;
}
