import { ConfigError } from '@slokit/core';

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
