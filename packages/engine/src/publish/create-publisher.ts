import {
  ConfigError,
  type PublisherFactory,
  type PublisherV1,
  type ResolvedConfig,
  type SourceConfig,
} from '@slokit/core/internal';
import { adapterTarget } from '../source/create-source.js';
import { loadAdapter } from '../source/load-adapter.js';

/** Builds the publisher for a configured source from its adapter package's `adapter.createPublisher`. */
export async function createPublisher(
  name: string,
  config: ResolvedConfig,
  options: { factories?: Record<string, PublisherFactory>; env?: Record<string, string | undefined> } = {},
): Promise<PublisherV1> {
  const { sourceConfig, context } = adapterTarget(name, config, options.env);
  const factory = options.factories?.[sourceConfig.type];
  if (factory) return factory(name, sourceConfig, context);
  if (sourceConfig.type === 'file' || sourceConfig.type === 'memory') {
    throw new ConfigError(config.file, [
      { path: `sources.${name}.type`, message: `a ${sourceConfig.type} source has no tracker to publish to` },
    ]);
  }
  const adapter = await loadAdapter(config, name, sourceConfig.type, 'publishing to');
  if (!adapter.createPublisher) {
    throw new ConfigError(config.file, [
      { path: `sources.${name}.type`, message: `@slokit/${sourceConfig.type} cannot publish results back` },
    ]);
  }
  return adapter.createPublisher(name, sourceConfig, context);
}
