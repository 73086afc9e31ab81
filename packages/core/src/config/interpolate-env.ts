import { ConfigError, type ConfigProblem } from '../errors/config-error.js';
import { formatConfigPath } from './format-config-path.js';

const reference = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface InterpolateOptions {
  /** Where `value` sits in the config, for the paths problems name (`['channels', 'slack']`). */
  basePath?: PropertyKey[];
  /**
   * Paths whose unset variables are left as `${VAR}` instead of failing now: a channel's secrets are needed only
   * when that channel is used, so `check` or `report` run without them.
   */
  defer?: (path: PropertyKey[]) => boolean;
}

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string of a YAML or JSON config with the environment's value,
 * so secrets stay out of config files. A variable that is not set (and has no default) is a config error naming it.
 */
export function interpolateEnv(
  value: unknown,
  env: Record<string, string | undefined>,
  file?: string,
  options: InterpolateOptions = {},
): unknown {
  const problems: Array<ConfigProblem & { at: PropertyKey[] }> = [];
  const result = walk(value, options.basePath ?? [], env, problems);
  const due = options.defer ? problems.filter((problem) => !options.defer!(problem.at)) : problems;
  if (due.length > 0)
    throw new ConfigError(
      file,
      due.map(({ path, message }) => ({ path, message })),
    );
  return result;
}

/** Whether a config value still holds a `${VAR}` reference that was left for later. */
export function hasEnvReference(value: string): boolean {
  reference.lastIndex = 0;
  return reference.test(value);
}

function walk(
  value: unknown,
  path: PropertyKey[],
  env: Record<string, string | undefined>,
  problems: Array<ConfigProblem & { at: PropertyKey[] }>,
): unknown {
  if (typeof value === 'string') {
    return value.replace(reference, (whole, name: string, fallback: string | undefined) => {
      const found = env[name];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      problems.push({
        path: formatConfigPath(path),
        message: `environment variable ${name} is not set`,
        at: path,
      });
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
