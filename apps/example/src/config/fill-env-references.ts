import { ConfigError, type ConfigProblem, type ResolvedConfig } from '@slokit/core';

const reference = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in the sources and channels of a loaded config with the values of `env`,
 * as `loadConfig` does for YAML and JSON configs; a variable that is not set (and has no default) is a ConfigError
 * naming it and its config path. `loadConfig` does not (yet) do this for `slokit.config.ts`, so the example app
 * fills them in after loading; once it does, nothing is left to fill and this returns the config unchanged.
 */
export function fillEnvReferences(
  config: ResolvedConfig,
  env: Record<string, string | undefined>,
): ResolvedConfig {
  const problems: ConfigProblem[] = [];
  const sources = fill(config.sources, ['sources'], env, problems) as ResolvedConfig['sources'];
  const channels = fill(config.channels, ['channels'], env, problems) as ResolvedConfig['channels'];
  if (problems.length > 0) throw new ConfigError(config.file, problems);
  return { ...config, sources, channels };
}

function fill(
  value: unknown,
  path: string[],
  env: Record<string, string | undefined>,
  problems: ConfigProblem[],
): unknown {
  if (typeof value === 'string') {
    return value.replace(reference, (whole, name: string, fallback: string | undefined) => {
      const found = env[name];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      problems.push({ path: formatPath(path), message: `environment variable ${name} is not set` });
      return whole;
    });
  }
  if (Array.isArray(value))
    return value.map((item, index) => fill(item, [...path, `[${index}]`], env, problems));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, fill(item, [...path, key], env, problems)]),
    );
  }
  return value;
}

/** `channels.slack.webhookUrl`, `sources["weave-evals"].project`, as core names config paths. */
function formatPath(path: string[]): string {
  let text = '';
  for (const segment of path) {
    if (segment.startsWith('[')) text += segment;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}
