const decimal = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A number written in decimal as JSON writes numbers (an optional sign, a fraction and an exponent: `12`, `-0.5`,
 * `1e3`), surrounding spaces ignored; NaN for anything else. `Number()` alone would also read hex, octal and binary
 * (`0x10` as 16), `Infinity`, and a blank string as 0.
 */
export function parseDecimal(text: string): number {
  const trimmed = text.trim();
  return decimal.test(trimmed) ? Number(trimmed) : Number.NaN;
}
