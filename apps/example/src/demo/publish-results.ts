import {
  createPublisher,
  type PublisherV1,
  type ResolvedConfig,
  SlokitError,
  type StateStore,
  type SyncResult,
} from 'slokit';

/**
 * After a sync cycle, writes each `publish:` source's SLO results back to its tracker and logs it in the state, as
 * `slokit sync` does; publishers are built once and reused. A tracker that fails is reported in the result and does
 * not stop the others.
 */
export async function publishResults(
  config: ResolvedConfig,
  store: StateStore,
  result: SyncResult,
  publishers: Map<string, PublisherV1>,
  env: Record<string, string | undefined>,
): Promise<void> {
  for (const name of config.publish) {
    const slos = result.slos.filter((slo) => slo.source === name);
    if (slos.length === 0) continue;
    try {
      let publisher = publishers.get(name);
      if (!publisher) {
        publisher = await createPublisher(name, config, { env });
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
      if (!SlokitError.isInstance(error) || error.exitCode === 2) throw error;
      result.published.push({ source: name, target: name, published: 0, error: error.message });
    }
  }
}
