const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with each lone UTF-16 surrogate replaced by U+FFFD: Prometheus reads UTF-8 and rejects them. */
export function wellFormed(text: string): string {
  return text.replace(loneSurrogate, '\uFFFD');
}
