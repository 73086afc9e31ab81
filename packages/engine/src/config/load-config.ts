import { access, readFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, interpolateEnv, type ResolvedConfig, resolveConfig } from '@slokit/core/internal';
import { parseConfigText } from './parse-config-text.js';

/** Looked for, in this order, when no config path is given. */
export const configFileNames = [
  'slokit.config.ts',
  'slokit.config.mts',
  'slokit.config.js',
  'slokit.config.mjs',
  'slokit.yaml',
  'slokit.yml',
  'slokit.json',
];

export interface LoadConfigOptions {
  /** Directory to search when `path` is absent. Default: the working directory. */
  cwd?: string;
  env?: Record<string, string | undefined>;
}

/**
 * Loads, interpolates (`${VAR}` in YAML/JSON) and validates a config file: `slokit.config.ts` (via jiti),
 * `slokit.yaml`/`.yml` or `slokit.json`. Throws a ConfigError naming the file and each bad config path.
 */
export async function loadConfig(path?: string, options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const file = path === undefined ? await findConfigFile(cwd) : resolve(cwd, path);
  const shown = displayName(file, cwd);
  const raw = await readConfigFile(file, shown, options.env ?? process.env);
  return resolveConfig(raw, { file: shown, baseDir: dirname(file) });
}

async function findConfigFile(cwd: string): Promise<string> {
  for (const name of configFileNames) {
    const candidate = resolve(cwd, name);
    if (await exists(candidate)) return candidate;
  }
  throw new ConfigError(undefined, [
    {
      path: '',
      message: `no config file found in ${cwd} (looked for ${configFileNames.join(', ')}); run \`slokit init\` or pass --config`,
    },
  ]);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function displayName(file: string, cwd: string): string {
  return file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
}

async function readConfigFile(
  file: string,
  shown: string,
  env: Record<string, string | undefined>,
): Promise<unknown> {
  const extension = extname(file).toLowerCase();
  if (['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'].includes(extension)) {
    if (!(await exists(file))) throw notFound(shown);
    // `${VAR}` works the same in a TypeScript config as in YAML, so one config runs against any environment.
    return interpolateEnv(await importConfigModule(file, shown), env, shown, { defer: channelSecrets });
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(shown);
    throw new ConfigError(shown, [{ path: '', message: `cannot read: ${(error as Error).message}` }], {
      cause: error,
    });
  }
  if (extension !== '.json' && extension !== '.yaml' && extension !== '.yml') {
    throw new ConfigError(shown, [
      {
        path: '',
        message: `expected a .ts, .js, .yaml, .yml or .json config file, found '${basename(file)}'`,
      },
    ]);
  }
  const raw = await parseConfigText(text, extension === '.json' ? 'json' : 'yaml', shown);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(shown, [{ path: '', message: 'expected a mapping with `sources` and `slos`' }]);
  }
  return interpolateEnv(raw, env, shown, { defer: channelSecrets });
}

/** A channel's `${VAR}` may be unset until the channel is used (by `@slokit/notify`): `check` does not need it. */
function channelSecrets(path: PropertyKey[]): boolean {
  return path[0] === 'channels';
}

function notFound(shown: string): ConfigError {
  return new ConfigError(undefined, [{ path: '', message: `config file not found: ${shown}` }]);
}

async function importConfigModule(file: string, shown: string): Promise<unknown> {
  try {
    const { createJiti } = await import('jiti');
    const jiti = createJiti(pathToFileURL(file).href, { interopDefault: true, moduleCache: false });
    return await jiti.import(file, { default: true });
  } catch (error) {
    throw new ConfigError(
      shown,
      [{ path: '', message: `cannot load: ${(error as Error).message.split('\n')[0]}` }],
      {
        cause: error,
      },
    );
  }
}
