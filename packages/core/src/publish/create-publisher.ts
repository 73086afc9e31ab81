import type { SourceConfig } from '../config/config-schema.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { ConfigError } from '../errors/config-error.js';
import { adapterTarget, type SourceContext } from '../source/create-source.js';
import { loadAdapterExport } from '../source/load-adapter-export.js';
import type { PublisherV1 } from './publisher.js';

/** What an adapter package (`@slokit/<type>`) exports to publish results back to the tracker a source reads. */
export type PublisherFactory = (
  name: string,
  config: SourceConfig,
  context: SourceContext,
) => PublisherV1 | Promise<PublisherV1>;

/** Builds the publisher for a configured source from its adapter package's `createPublisher`. */
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
  const adapterFactory = await loadAdapterExport<PublisherFactory>(
    config,
    name,
    sourceConfig.type,
    'createPublisher',
    'publishing to',
  );
  return adapterFactory(name, sourceConfig, context);
}
