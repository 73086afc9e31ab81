import type { EvalSourceV1, PublisherV1, SourceContext } from '@slokit/core';
import { createWeavePublisher } from './publish/weave-publisher.js';
import { createWeaveSource } from './source/weave-eval-source.js';
import { resolveWeaveSettings } from './weave-source-config.js';

/** The `type: weave` source factory core loads: `sources.<name>` validated, WANDB_API_KEY read from `context.env`. */
export function createEvalSource(name: string, config: unknown, context: SourceContext): EvalSourceV1 {
  return createWeaveSource(resolveWeaveSettings(name, config, context));
}

/** The publisher for `slokit check --publish weave`. */
export function createPublisher(name: string, config: unknown, context: SourceContext): PublisherV1 {
  return createWeavePublisher(resolveWeaveSettings(name, config, context));
}

export { checkOpName, sloFeedbackType } from './publish/check-call.js';
export { createWeavePublisher, type WeavePublisherOptions } from './publish/weave-publisher.js';
export { createWeaveSource, type WeaveSourceOptions } from './source/weave-eval-source.js';
export { TraceServerClient, type TraceServerClientOptions } from './trace-server/trace-server-client.js';
export type * from './trace-server/trace-server-types.js';
export {
  type ReadTarget,
  resolveWeaveSettings,
  type WeaveSettings,
  type WeaveSourceConfig,
  weaveSourceConfigSchema,
} from './weave-source-config.js';
export { callUrl, type WeaveUrls, weaveUrls } from './weave-urls.js';
