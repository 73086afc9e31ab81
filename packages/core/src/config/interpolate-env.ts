import { ConfigError, type ConfigProblem } from '../errors/config-error.js';
import { formatConfigPath } from './format-config-path.js';

const reference = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string of a YAML or JSON config with the environment's value,
 * so secrets stay out of config files. A variable that is not set (and has no default) is a config error naming it.
 */
export function interpolateEnv(
  value: unknown,
  env: Record<string, string | undefined>,
  file?: string,
): unknown {
  const problems: ConfigProblem[] = [];
  const result = walk(value, [], env, problems);
  if (problems.length > 0) throw new ConfigError(file, problems);
  return result;
}

function walk(
  value: unknown,
  path: PropertyKey[],
  env: Record<string, string | undefined>,
  problems: ConfigProblem[],
): unknown {
  if (typeof value === 'string') {
    return value.replace(reference, (whole, name: string, fallback: string | undefined) => {
      const found = env[name];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      problems.push({ path: formatConfigPath(path), message: `environment variable ${name} is not set` });
      return whole;
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, index], env, problems));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, walk(item, [...path, key], env, problems)]),
    );
  }
  return value;
}
