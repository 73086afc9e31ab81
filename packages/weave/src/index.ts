import { defineAdapter, type EvalSourceV1, type PublisherV1, type SourceContext } from '@slokit/core';
import { createWeavePublisher } from './publish/weave-publisher.js';
import { resolveWeaveSettings } from './settings/weave-source-config.js';
import { createWeaveSource } from './source/weave-eval-source.js';

/** The `type: weave` source factory core loads: `sources.<name>` validated, WANDB_API_KEY read from `context.env`. */
export function createEvalSource(name: string, config: unknown, context: SourceContext): EvalSourceV1 {
  return createWeaveSource(resolveWeaveSettings(name, config, context));
}

/** The publisher for `slokit check --publish weave`. */
export function createPublisher(name: string, config: unknown, context: SourceContext): PublisherV1 {
  return createWeavePublisher(resolveWeaveSettings(name, config, context));
}

/** The `type: weave` adapter: evaluations and traced calls in, SLO results back as calls and feedback. */
export const adapter = defineAdapter({
  specificationVersion: 'v1',
  type: 'weave',
  createSource: createEvalSource,
  createPublisher,
});

export default adapter;

export { TraceServerClient, type TraceServerClientOptions } from './client/trace-server-client.js';
export type * from './client/trace-server-types.js';
export { checkOpName, sloFeedbackType } from './publish/check-call.js';
export { createWeavePublisher, type WeavePublisherOptions } from './publish/weave-publisher.js';
export {
  type ReadTarget,
  resolveWeaveSettings,
  type WeaveSettings,
  type WeaveSourceConfig,
  weaveSourceConfigSchema,
} from './settings/weave-source-config.js';
export { callUrl, type WeaveUrls, weaveUrls } from './settings/weave-urls.js';
export { createWeaveSource, type WeaveSourceOptions } from './source/weave-eval-source.js';
