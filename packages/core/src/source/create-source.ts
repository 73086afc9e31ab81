import type { SourceConfig } from '../config/config-schema.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { ConfigError } from '../errors/config-error.js';
import type { EvalSource } from './eval-source.js';
import { createFileSource } from './file-source.js';
import type { FileSourceConfig } from './file-source-config.js';
import { loadAdapterExport } from './load-adapter-export.js';

export interface SourceContext {
  baseDir: string;
  configFile?: string;
  /** Where adapters read API keys; defaults to process.env. */
  env: Record<string, string | undefined>;
}

/** What an adapter package (`@slokit/<type>`) exports to build its source from a config entry. */
export type SourceFactory = (
  name: string,
  config: SourceConfig,
  context: SourceContext,
) => EvalSource | Promise<EvalSource>;

/**
 * Builds the source a config entry names: `file` is built in; any other type comes from `factories`, or else from
 * the adapter package `@slokit/<type>`, which exports `createEvalSource`.
 */
export async function createSource(
  name: string,
  config: ResolvedConfig,
  options: { factories?: Record<string, SourceFactory>; env?: Record<string, string | undefined> } = {},
): Promise<EvalSource> {
  const { sourceConfig, context } = adapterTarget(name, config, options.env);
  const factory = options.factories?.[sourceConfig.type];
  if (factory) return factory(name, sourceConfig, context);
  if (sourceConfig.type === 'memory') {
    throw new ConfigError(config.file, [
      {
        path: `sources.${name}`,
        message: 'a memory source holds records from code: pass it to check() as options.sources.' + name,
      },
    ]);
  }
  if (sourceConfig.type === 'file') {
    return createFileSource(name, sourceConfig as FileSourceConfig, context);
  }
  const adapterFactory = await loadAdapterExport<SourceFactory>(
    config,
    name,
    sourceConfig.type,
    'createEvalSource',
    'source type',
  );
  return adapterFactory(name, sourceConfig, context);
}

/** The config entry of a source and the context its adapter gets: shared by sources and publishers. */
export function adapterTarget(
  name: string,
  config: ResolvedConfig,
  env: Record<string, string | undefined> | undefined,
): { sourceConfig: SourceConfig; context: SourceContext } {
  const sourceConfig = config.sources[name];
  if (sourceConfig === undefined) {
    throw new ConfigError(config.file, [{ path: `sources.${name}`, message: 'no such source' }]);
  }
  const context: SourceContext = {
    baseDir: config.baseDir,
    env: env ?? process.env,
    ...(config.file === undefined ? {} : { configFile: config.file }),
  };
  return { sourceConfig, context };
}
