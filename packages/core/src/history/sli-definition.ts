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

/** FNV-1a, 64-bit, as 16 hex digits. */
export function fnv1a(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let index = 0; index < text.length; index++) {
    hash ^= BigInt(text.charCodeAt(index));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}
