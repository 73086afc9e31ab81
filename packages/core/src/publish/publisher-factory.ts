import type { SourceConfig } from '../config/config-schema.js';
import type { SourceContext } from '../source/source-factory.js';
import type { PublisherV1 } from './publisher.js';

/** Builds the publisher that writes results back to the tracker a configured source reads. */
export type PublisherFactory = (
  name: string,
  config: SourceConfig,
  context: SourceContext,
) => PublisherV1 | Promise<PublisherV1>;
