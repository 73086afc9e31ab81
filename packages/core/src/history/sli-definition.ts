import type { ResolvedSlo } from '../slo/resolved-slo.js';

/**
 * A short stable hash of what an SLO's history buckets hold (its SLI and groupBy). Editing an SLO's SLI starts a new
 * history instead of mixing old and new definitions; editing its objective or window keeps the history.
 */
export function sliDefinition(slo: ResolvedSlo): string {
  return fnv1a(canonicalJson({ sli: slo.sli, groupBy: slo.groupBy ?? null }));
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A 64-bit FNV-1a-style hash as 16 hex digits: two 32-bit FNV-1a lanes with different offsets (no BigInt). */
export function fnv1a(text: string): string {
  let high = 0x811c9dc5;
  let low = 0x050c5d1f;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    high = Math.imul(high ^ code, 0x01000193);
    low = Math.imul(low ^ code ^ (high >>> 7), 0x01000193);
  }
  return (high >>> 0).toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
}
