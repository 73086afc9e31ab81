import { randomBytes } from 'node:crypto';
import type { Random } from '../random.js';

/** A UUIDv7 (time-ordered, as the Weave SDKs generate call ids): 48 bits of epoch ms, then random bits. */
export function uuidV7(ms: number = Date.now(), random: Uint8Array = randomBytes(10)): string {
  const bytes = new Uint8Array(16);
  let time = Math.max(0, Math.floor(ms));
  for (let index = 5; index >= 0; index--) {
    bytes[index] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes.set(random.subarray(0, 10), 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A UUIDv7 whose random bits come from a seeded generator: the same seed gives the same ids. */
export function seededUuidV7(ms: number, random: Random): string {
  const bytes = new Uint8Array(10);
  for (let index = 0; index < 10; index++) bytes[index] = Math.floor(random.next() * 256);
  return uuidV7(ms, bytes);
}
