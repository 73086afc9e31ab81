import { createHash } from 'node:crypto';

/**
 * A UUIDv7-shaped id that is the same for the same inputs: its time part from `epochMs`, the rest a hash of
 * `parts`. Publishing the same check twice writes the same call id, which the server merges into one call.
 */
export function deterministicUuidV7(epochMs: number, ...parts: string[]): string {
  const hash = createHash('sha256').update(parts.join('\u0000')).digest();
  const bytes = Buffer.alloc(16);
  let time = Number.isFinite(epochMs) && epochMs > 0 ? Math.floor(epochMs) : 0;
  for (let index = 5; index >= 0; index--) {
    bytes[index] = time % 256;
    time = Math.floor(time / 256);
  }
  hash.copy(bytes, 6, 0, 10);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
