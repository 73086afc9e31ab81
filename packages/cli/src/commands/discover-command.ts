import type { SourceDiscovery } from '@slokit/core';
import { createSource, loadConfig } from '@slokit/engine';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { discoverSource } from '../discovery/discover-source.js';
import { formatSuggestedSloLine } from '../discovery/format-suggested-slo.js';
import { suggestSlos } from '../discovery/suggest-slos.js';
import { createProgress } from '../progress.js';
import { UsageError } from '../usage-error.js';

interface DiscoverOptions {
  config?: string;
  source?: string;
  days: string;
  json?: boolean;
  now?: string;
}

export function registerDiscoverCommand(program: Command, io: CliIo): void {
  program
    .command('discover')
    .description('list the scores, metadata keys and record counts a source holds, with a suggested config')
    .option(
      '-c, --config <file>',
      'config file (default: slokit.config.ts, slokit.yaml, slokit.yml or slokit.json)',
    )
    .option('-s, --source <name>', 'the source to look at (default: the only one)')
    .option('--days <n>', 'look at the records of the last N days (0: all)', '7')
    .option('--now <time>', 'treat this ISO time as now')
    .option('--json', 'print the findings as JSON')
    .action(async (options: DiscoverOptions) => {
      const config = await loadConfig(options.config, { cwd: io.cwd, env: io.env });
      const names = Object.keys(config.sources);
      const name = options.source ?? (names.length === 1 ? names[0] : undefined);
      if (name === undefined || !names.includes(name)) {
        throw new UsageError(
          `--source: expected one of ${names.join(', ')}${options.source ? `, found '${options.source}'` : ''}`,
        );
      }
      const days = Number(options.days);
      if (!Number.isFinite(days) || days < 0)
        throw new UsageError(`--days: expected a number of days, found '${options.days}'`);
      const now = options.now === undefined ? new Date() : new Date(options.now);
      if (Number.isNaN(now.getTime()))
        throw new UsageError(`--now: expected an ISO 8601 time, found '${options.now}'`);

      const source = await createSource(name, config, { env: io.env });
      const progress = createProgress(io, !options.json);
      const window = days === 0 ? {} : { since: new Date(now.getTime() - days * 86_400_000), until: now };
      let discovered: Awaited<ReturnType<typeof discoverSource>>;
      try {
        discovered = await discoverSource(source, window, progress.update);
      } finally {
        progress.done();
      }
      const { found, evalMetrics } = discovered;
      if (options.json) {
        io.stdout(`${JSON.stringify({ source: name, type: source.type, ...found, evalMetrics }, null, 2)}\n`);
        return;
      }
      io.stdout(describeDiscovery(name, source.type, days, found, evalMetrics));
    });
}

function describeDiscovery(
  name: string,
  type: string,
  days: number,
  found: SourceDiscovery,
  evalMetrics: string[],
): string {
  const count = (value: number) => value.toLocaleString('en-US');
  const lines = [
    `Source '${name}' (${type}), ${days === 0 ? 'all records' : `last ${days} day(s)`}: ${count(found.records)} records` +
      (found.first ? ` from ${found.first} to ${found.last}` : ''),
    `  errors ${count(found.errors)}, with latency ${count(found.withLatency)}, with cost ${count(found.withCost)}, with tokens ${count(found.withTokens)}`,
    '',
    found.scores.length > 0 ? 'Scores:' : 'Scores: none found',
  ];
  for (const score of found.scores) {
    const range = score.min !== undefined ? ` ${score.min}..${score.max}` : '';
    lines.push(`  scores.${score.key}  ${score.kind}${range}, on ${count(score.count)} records`);
  }
  lines.push('', found.metadata.length > 0 ? 'Metadata keys:' : 'Metadata keys: none found');
  for (const key of found.metadata) {
    const values = key.topValues
      ? ` e.g. ${key.topValues
          .slice(0, 3)
          .map((entry) => entry.value)
          .join(', ')}`
      : '';
    const distinct =
      key.distinct !== undefined ? `, ${key.distinct >= 1000 ? '1,000+' : key.distinct} distinct` : '';
    lines.push(`  metadata.${key.key}  ${key.kind}${distinct}${values}`);
  }
  if (evalMetrics.length > 0) lines.push('', `Eval metrics: ${evalMetrics.join(', ')}`);
  lines.push('', 'Suggested SLOs (adjust the targets to your product):', 'slos:');
  lines.push(...suggestSlos(found, evalMetrics).map((slo) => `  ${formatSuggestedSloLine(slo, name)}`));
  return `${lines.join('\n')}\n`;
}
