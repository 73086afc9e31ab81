import { wellFormed } from './well-formed.js';

/**
 * A PromQL string literal for a label value. JSON's escapes (`\"`, `\\`, `\n`, `\uXXXX`) are a subset of the Go
 * escapes PromQL reads; a lone surrogate, which Go rejects, becomes U+FFFD first.
 */
export function promqlString(value: string): string {
  return JSON.stringify(wellFormed(value));
}
