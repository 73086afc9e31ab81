import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildHistoryReport, type HistoryReport } from '@slokit/core';
import { loadConfig } from '@slokit/engine';
import { renderHistoryHtml, renderHistoryMarkdown, renderHistoryTable } from '@slokit/render';
import { type Command, Option } from 'commander';
import type { CliIo } from '../cli-io.js';
import { openConfiguredStore } from '../open-store.js';
import { parseTimeOption } from '../parse-time-option.js';
import { UsageError } from '../usage-error.js';

interface ReportOptions {
  config?: string;
  days: string;
  format: 'table' | 'markdown' | 'json' | 'html';
  out?: string;
  now?: string;
}

export function registerReportCommand(program: Command, io: CliIo): void {
  program
    .command('report')
    .description('the SLO dashboard over a period, from the history sync keeps')
    .option(
      '-c, --config <file>',
      'config file (default: slokit.config.ts, slokit.yaml, slokit.yml or slokit.json)',
    )
    .option('--days <n>', 'the period, in days', '7')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'markdown', 'json', 'html'])
        .default('table'),
    )
    .option('-o, --out <file>', 'write the report to a file instead of stdout')
    .option('--now <time>', 'end the period at this ISO time instead of now')
    .action(async (options: ReportOptions) => {
      const days = Number(options.days);
      if (!Number.isFinite(days) || days <= 0)
        throw new UsageError(`--days: expected a positive number of days, found '${options.days}'`);
      const now = parseTimeOption('--now', options.now) ?? new Date();
      const config = await loadConfig(options.config, { cwd: io.cwd, env: io.env });
      const store = await openConfiguredStore(config);
      let report: HistoryReport;
      try {
        report = await buildHistoryReport(config, store, { now, days, generatedAt: new Date() });
      } finally {
        await store.close();
      }
      const text = render(report, options.format);
      if (options.out === undefined) {
        io.stdout(text);
        return;
      }
      try {
        await writeFile(resolve(io.cwd, options.out), text);
      } catch (error) {
        throw new UsageError(`--out: cannot write ${options.out}: ${(error as Error).message}`);
      }
      io.stderr(`Report written to ${options.out}\n`);
    });
}

function render(report: HistoryReport, format: ReportOptions['format']): string {
  switch (format) {
    case 'table':
      return renderHistoryTable(report);
    case 'markdown':
      return renderHistoryMarkdown(report);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'html':
      return renderHistoryHtml(report);
  }
}
