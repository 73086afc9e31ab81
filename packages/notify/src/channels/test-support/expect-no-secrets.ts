import { inspect } from 'node:util';
import { expect } from 'vitest';

/** Everything a thrown error shows anywhere: message, string form, inspection (with causes), JSON of its fields. */
export function everythingShown(error: unknown): string {
  const fields =
    typeof error === 'object' && error !== null
      ? JSON.stringify(Object.fromEntries(Object.entries(error)), (_key, value: unknown) =>
          typeof value === 'bigint' ? String(value) : value,
        )
      : '';
  return [String(error), inspect(error, { depth: 6 }), fields, (error as Error)?.message ?? ''].join('\n');
}

/** Asserts that none of the secrets (nor their URL-encoded or base64 forms) appears in any of the texts. */
export function expectNoSecrets(texts: readonly string[], secrets: readonly string[]): void {
  const forms = secrets.flatMap((secret) => [
    secret,
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64'),
  ]);
  for (const text of texts)
    for (const form of forms)
      expect(text.includes(form), `a secret appears in: ${text.slice(0, 300)}`).toBe(false);
}
