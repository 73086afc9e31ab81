/**
 * Shows that a secret is set, and which one, without showing it: at most its last 4 characters
 * (`lsv2_pt_…a1b2` becomes `…a1b2`); a secret shorter than 12 characters shows nothing (`****`).
 */
export function redactSecret(secret: string): string {
  return secret.length < 12 ? '****' : `…${secret.slice(-4)}`;
}
