import { type EvalSource, RecordDiscovery, type SourceDiscovery } from '@slokit/core';
import type { CheckProgress } from '@slokit/engine';

/**
 * Reads a source's records in a window (every record without one) and its eval summary, and tells what they hold:
 * counts, scores, metadata keys, and the eval metrics' names.
 */
export async function discoverSource(
  source: EvalSource,
  window: { since?: Date; until?: Date },
  onProgress?: (progress: CheckProgress) => void,
): Promise<{ found: SourceDiscovery; evalMetrics: string[] }> {
  const discovery = new RecordDiscovery();
  let read = 0;
  for await (const batch of source.readRecords(window)) {
    for (const [index, record] of batch.records.entries()) discovery.add(record, batch.times[index]!);
    read += batch.records.length;
    onProgress?.({ source: source.name, records: read, skipped: 0 });
  }
  const summary = source.readEvalSummary ? await source.readEvalSummary() : undefined;
  return { found: discovery.result(), evalMetrics: summary ? Object.keys(summary.metrics) : [] };
}
