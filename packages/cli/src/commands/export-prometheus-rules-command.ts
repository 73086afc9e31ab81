import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfig } from '@slokit/engine';
import { generatePrometheusRules, renderPrometheusRules, terminalText } from '@slokit/render';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../usage-error.js';

/** `slokit export prometheus-rules`: recording rules and burn-rate alerts over `slokit serve`'s `/metrics`. */
export function registerExportPrometheusRulesCommand(exportCommand: Command, io: CliIo): void {
  exportCommand
    .command('prometheus-rules')
    .description("write Prometheus recording rules and burn-rate alerts over `slokit serve`'s /metrics")
    .option(
      '-c, --config <file>',
      'config file (default: slokit.config.ts, slokit.yaml, slokit.yml or slokit.json)',
    )
    .option('-o, --out <file>', 'write the rules to a file instead of stdout')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .action(async (options: { config?: string; out?: string }) => {
      const config = await loadConfig(options.config, { cwd: io.cwd, env: io.env });
      const { file, notes } = generatePrometheusRules(config);
      for (const note of notes) io.stderr(`note: ${terminalText(note)}\n`);
      const text = renderPrometheusRules(file);
      if (options.out === undefined) {
        io.stdout(text);
        return;
      }
      try {
        await writeFile(resolve(io.cwd, options.out), text);
      } catch (error) {
        throw new UsageError(`--out: cannot write ${options.out}: ${(error as Error).message}`);
      }
      io.stderr(`Rules for ${file.groups.length} SLO(s) written to ${options.out}\n`);
    });
}
