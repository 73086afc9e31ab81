const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Epoch ms of an ISO 8601 date (`2026-11-26`, read as UTC midnight) or date-time with a `Z` or offset, else NaN.
 * A date-time without a zone is refused: it would be read in the local zone and give other data on another machine.
 */
export function parseIsoTime(text: string): number {
  return ISO_TIME.test(text) ? Date.parse(text) : Number.NaN;
}
