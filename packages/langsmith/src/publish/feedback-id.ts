import { createHash } from 'node:crypto';

/** The namespace of slokit's feedback ids (a fixed random UUID). */
const slokitNamespace = '6f3c1d2a-8b4e-4f7a-9c5d-2e1b0a9f8c7d';

/**
 * The feedback id of one SLO result: a UUID version 5 in slokit's namespace, so the same check, target and SLO
 * always give the same id and a retried publish writes the same feedback again instead of a second one.
 */
export function feedbackId(name: string): string {
  return uuidV5(name, slokitNamespace);
}

/** A name-based UUID version 5 (SHA-1), as RFC 9562 defines it. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
