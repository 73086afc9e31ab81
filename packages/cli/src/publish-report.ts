import { type Report, type ResolvedConfig, SourceError } from '@slokit/core';
import { createPublisher } from '@slokit/engine';
import type { CliIo } from './cli-io.js';
import { UsageError } from './usage-error.js';

/**
 * Publishes each source's SLO results back to its tracker. `targets` names sources or source types
 * (`prod,langsmith`) or is `all`. Resolves to false when a publisher failed; each failure is reported on stderr.
 */
export async function publishReport(
  config: ResolvedConfig,
  report: Report,
  targets: string,
  io: CliIo,
): Promise<boolean> {
  const wanted = new Set(
    targets
      .split(',')
      .map((target) => target.trim())
      .filter(Boolean),
  );
  const names = Object.entries(config.sources)
    .filter(([name, source]) =>
      wanted.has('all')
        ? !['file', 'memory'].includes(source.type)
        : wanted.has(name) || wanted.has(source.type),
    )
    .map(([name]) => name);
  if (names.length === 0) {
    throw new UsageError(
      `--publish: no configured source matches '${targets}' (sources: ${Object.keys(config.sources).join(', ')})`,
    );
  }
  let ok = true;
  for (const name of names) {
    const slos = report.slos.filter((slo) => slo.source === name);
    if (slos.length === 0) continue;
    try {
      const publisher = await createPublisher(name, config, { env: io.env });
      const result = await publisher.publish({ report, slos, checkId: report.checkId });
      io.stderr(`Published ${result.published} SLO result(s) to ${result.target}\n`);
    } catch (error) {
      if (!SourceError.isInstance(error)) throw error;
      ok = false;
      io.stderr(`slokit: publishing to source '${name}' failed: ${error.message}\n`);
    }
  }
  return ok;
}
