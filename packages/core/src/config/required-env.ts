import { ConfigError } from '../errors/config-error.js';

/**
 * Reads the first set variable of `names` (a variable and its fallbacks, such as LANGSMITH_API_KEY then
 * LANGCHAIN_API_KEY). When none is set this is a config error (exit 2) naming them and what they are for.
 */
export function requiredEnv(
  env: Record<string, string | undefined>,
  names: readonly [string, ...string[]],
  options: { purpose: string; configFile?: string; path?: string },
): string {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') return value;
  }
  const list =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  throw new ConfigError(options.configFile, [
    { path: options.path ?? '', message: `environment variable ${list} is not set (${options.purpose})` },
  ]);
}

/** Shows that a secret is set without showing it: `lsv2_...a1b2` becomes `lsv2…a1b2` (8 characters or fewer: `****`). */
export function redactSecret(secret: string): string {
  return secret.length <= 8 ? '****' : `${secret.slice(0, 4)}…${secret.slice(-4)}`;
}
