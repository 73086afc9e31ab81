import { createHash } from 'node:crypto';

/** The namespace of slokit's feedback ids (a fixed random UUID). */
const namespace = '6f3c1d2a-8b4e-4f7a-9c5d-2e1b0a9f8c7d';

/**
 * A UUID version 5 (RFC 9562) of `name` in slokit's namespace: the same check, target and SLO always give the same
 * feedback id, so a retried publish writes the same feedback again instead of a second one.
 */
export function feedbackId(name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
