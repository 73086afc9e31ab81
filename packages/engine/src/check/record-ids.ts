/**
 * The record ids a check has counted, so that a record read twice counts once, as in `sync`. Ids are kept as 53-bit
 * hashes (two FNV-1a lanes), not strings: a million ids take a few tens of MB instead of a hundred.
 */
export class RecordIds {
  private readonly hashes = new Set<number>();

  /** Records the id; true when it was seen before. */
  seenBefore(id: string): boolean {
    const hash = hashId(id);
    if (this.hashes.has(hash)) return true;
    this.hashes.add(hash);
    return false;
  }
}

function hashId(id: string): number {
  let high = 0x811c9dc5;
  let low = 0x050c5d1f;
  for (let index = 0; index < id.length; index++) {
    const code = id.charCodeAt(index);
    high = Math.imul(high ^ code, 0x01000193);
    low = Math.imul(low ^ code ^ (high >>> 7), 0x01000193);
  }
  return (high >>> 11) * 0x100000000 + (low >>> 0);
}
