import type { FileSourceConfig } from '@slokit/core/internal';
import {
  ConfigError,
  type EvalSource,
  type ResolvedConfig,
  type SourceConfig,
  type SourceContext,
  type SourceFactory,
} from '@slokit/core/internal';
import { createFileSource } from './file-source.js';
import { loadAdapter } from './load-adapter.js';

/**
 * Builds the source a config entry names: `file` is built in; any other type comes from `factories`, or else from
 * the adapter package `@slokit/<type>` (its `adapter`, declared with `defineAdapter`).
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
  const adapter = await loadAdapter(config, name, sourceConfig.type, 'source type');
  return adapter.createSource(name, sourceConfig, context);
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
