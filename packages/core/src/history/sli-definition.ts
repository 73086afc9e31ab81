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

/** A 64-bit hash as 16 hex digits: two 32-bit FNV-1a lanes with different offsets, finalized (no BigInt). */
export function fnv1a(text: string): string {
  const [high, low] = fnvLanes(text);
  return hex(avalanche(high)) + hex(avalanche(low ^ high));
}

/** The same hash as a 53-bit number: a compact set key for ids (two ids rarely share one among millions). */
export function hash53(text: string): number {
  const [high, low] = fnvLanes(text);
  return (avalanche(high) >>> 11) * 0x100000000 + avalanche(low ^ high);
}

function fnvLanes(text: string): [number, number] {
  let high = 0x811c9dc5;
  let low = 0x050c5d1f;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    high = Math.imul(high ^ code, 0x01000193);
    low = Math.imul(low ^ code ^ (high >>> 7), 0x01000193);
  }
  return [high, low];
}

/** Murmur3's finalizer: every input bit flips about half the output bits, so hashes compare well (rendezvous). */
function avalanche(value: number): number {
  let hash = value;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

function hex(value: number): string {
  return value.toString(16).padStart(8, '0');
}
