import { buildReview, type ReviewReport } from '@slokit/core';
import { loadConfig } from '@slokit/engine';
import { renderReview } from '@slokit/render';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { openConfiguredStore } from '../open-store.js';
import { parseTimeOption } from '../parse-time-option.js';
import { UsageError } from '../usage-error.js';

export function registerReviewCommand(program: Command, io: CliIo): void {
  program
    .command('review')
    .description('how each SLO behaved over a period, and thresholds worth considering (changes nothing)')
    .option(
      '-c, --config <file>',
      'config file (default: slokit.config.ts, slokit.yaml, slokit.yml or slokit.json)',
    )
    .option('--days <n>', 'the period, in days', '30')
    .option('--now <time>', 'end the period at this ISO time instead of now')
    .option('--json', 'print the review as JSON')
    .action(async (options: { config?: string; days: string; now?: string; json?: boolean }) => {
      const days = Number(options.days);
      if (!Number.isFinite(days) || days <= 0)
        throw new UsageError(`--days: expected a positive number of days, found '${options.days}'`);
      const now = parseTimeOption('--now', options.now) ?? new Date();
      const config = await loadConfig(options.config, { cwd: io.cwd, env: io.env });
      const store = await openConfiguredStore(config);
      let review: ReviewReport;
      try {
        review = await buildReview(config, store, { now, days });
      } finally {
        await store.close();
      }
      io.stdout(options.json ? `${JSON.stringify(review, null, 2)}\n` : renderReview(review, config));
    });
}
