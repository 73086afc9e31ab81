import type { ResolvedConfig } from '@slokit/core';
import { loadConfig } from '@slokit/engine';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { describeObjective, describeSli } from '../describe-slo.js';

export function registerValidateCommand(program: Command, io: CliIo): void {
  program
    .command('validate')
    .description('check a config and print what slokit understood')
    .option(
      '-c, --config <file>',
      'config file (default: slokit.config.ts, slokit.yaml, slokit.yml or slokit.json)',
    )
    .option('--json', 'print the resolved config as JSON')
    .action(async (options: { config?: string; json?: boolean }) => {
      const config = await loadConfig(options.config, { cwd: io.cwd, env: io.env });
      io.stdout(options.json ? `${JSON.stringify(publicView(config), null, 2)}\n` : describeConfig(config));
    });
}

/** Only what the user wrote about sources that is safe to print: type and file paths, never adapter settings. */
function publicView(config: ResolvedConfig) {
  return {
    file: config.file ?? null,
    sources: Object.fromEntries(
      Object.entries(config.sources).map(([name, source]) => [
        name,
        source.type === 'file' ? source : { type: source.type },
      ]),
    ),
    slos: config.slos,
  };
}

function describeConfig(config: ResolvedConfig): string {
  const sourceNames = Object.keys(config.sources);
  const lines = [
    `${config.file ?? 'config'} is valid: ${sourceNames.length} source(s), ${config.slos.length} SLO(s)`,
    '',
    'Sources:',
  ];
  for (const [name, source] of Object.entries(config.sources)) {
    const details =
      source.type === 'file'
        ? [
            source.path ? `records ${source.path}` : '',
            source.summary ? `eval summary ${source.summary}` : '',
          ]
            .filter(Boolean)
            .join(', ')
        : '';
    lines.push(`  ${name}: ${source.type}${details ? ` (${details})` : ''}`);
  }
  lines.push('', 'SLOs:');
  for (const slo of config.slos) {
    lines.push(`  ${slo.name}`);
    if (slo.description) lines.push(`    ${slo.description}`);
    lines.push(`    measures  ${describeSli(slo)}`);
    lines.push(
      `    objective ${describeObjective(slo)}${slo.opInferred ? `; op ${slo.objective.op} inferred: ${slo.opInferred}` : ''}`,
    );
    const scope = [
      `window ${slo.window ?? 'all records'}`,
      `source ${slo.source}`,
      slo.groupBy ? `per ${slo.groupBy}` : '',
      slo.minSamples > 1 ? `at least ${slo.minSamples} samples` : '',
      `shown as ${slo.unit}`,
    ].filter(Boolean);
    lines.push(`    scope     ${scope.join(', ')}`);
    if (slo.runbook) lines.push(`    runbook   ${slo.runbook}`);
  }
  return `${lines.join('\n')}\n`;
}
