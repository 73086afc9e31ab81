import {
  type PublisherV1,
  type ResolvedConfig,
  SourceError,
  type StateStore,
  type SyncResult,
} from '@slokit/core/internal';
import { createPublisher } from './create-publisher.js';

/**
 * After a sync cycle, writes each `publish:` source's SLO results back to its tracker and logs it in the state. A
 * tracker that fails is reported in `result.published` and does not stop the others; config errors are thrown.
 * Pass `publishers` to reuse them across cycles.
 */
export async function publishSyncResult(options: {
  config: ResolvedConfig;
  store: StateStore;
  result: SyncResult;
  env?: Record<string, string | undefined>;
  publishers?: Map<string, PublisherV1>;
}): Promise<void> {
  const { config, store, result } = options;
  const publishers = options.publishers ?? new Map<string, PublisherV1>();
  for (const name of config.publish) {
    const slos = result.slos.filter((slo) => slo.source === name);
    if (slos.length === 0 || result.sources.find((source) => source.name === name)?.ownedElsewhere) continue;
    try {
      let publisher = publishers.get(name);
      if (!publisher) {
        publisher = await createPublisher(name, config, options.env ? { env: options.env } : {});
        publishers.set(name, publisher);
      }
      const report = {
        schemaVersion: 1 as const,
        checkId: result.cycleId,
        generatedAt: result.at,
        at: result.at,
        slos: result.slos,
        compliance: result.compliance,
        complianceCounts: result.complianceCounts,
        sources: [],
      };
      const published = await publisher.publish({ report, slos, checkId: result.cycleId });
      result.published.push({
        source: name,
        target: published.target,
        published: published.published,
        error: null,
      });
      await store.commit({
        publishes: [
          {
            checkId: result.cycleId,
            source: name,
            target: published.target,
            published: published.published,
            at: Date.parse(result.at),
          },
        ],
      });
    } catch (error) {
      if (!SourceError.isInstance(error)) throw error;
      result.published.push({ source: name, target: name, published: 0, error: error.message });
    }
  }
}
