import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Report, statusSeverity } from '@slokit/core';
import { check, loadConfig } from '@slokit/engine';
import { renderReport } from '@slokit/render';
import { type Command, Option } from 'commander';
import type { CliIo } from '../cli-io.js';
import { assertCanComment, reportToGitHub } from '../github/report-to-github.js';
import { createProgress } from '../progress.js';
import { publishReport } from '../publish-report.js';
import { UsageError } from '../usage-error.js';

const failLevels = {
  warning: statusSeverity.warning,
  critical: statusSeverity.critical,
  never: Number.POSITIVE_INFINITY,
};

interface CheckCommandOptions {
  config?: string;
  at?: string;
  format: 'table' | 'json' | 'markdown';
  out?: string;
  failOn: keyof typeof failLevels;
  strict?: boolean;
  publish?: string;
  github?: boolean;
  comment?: boolean;
}

export function registerCheckCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('check')
    .description('evaluate every SLO now (or at --at) and print the dashboard')
    .option(
      '-c, --config <file>',
      'config file (default: slokit.config.ts, slokit.yaml, slokit.yml or slokit.json)',
    )
    .option('--at <time>', 'evaluation time, ISO 8601 (default: now); every window ends here')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json', 'markdown'])
        .default('table'),
    )
    .option('-o, --out <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when an SLO is at or beyond this level')
        .choices(['warning', 'critical', 'never'])
        .default('critical'),
    )
    .option('--strict', 'fail on the first invalid record instead of skipping and counting it')
    .option(
      '--publish <targets>',
      'write the results back to the trackers of these sources (comma-separated source names or types, or "all")',
    )
    .option('--github', 'in a GitHub Actions job: also append the Markdown dashboard to the job summary')
    .option(
      '--comment',
      'with --github, on a pull request: the dashboard in one slokit comment, updated on later runs (needs GITHUB_TOKEN)',
    )
    .action(async (options: CheckCommandOptions) => {
      if (options.at !== undefined && !/^\d{4}-\d{2}-\d{2}/.test(options.at)) {
        throw new UsageError(
          `--at: expected an ISO 8601 time such as 2026-11-26T14:00:00Z, found ${JSON.stringify(options.at)}`,
        );
      }
      if (options.comment && !options.github) throw new UsageError('--comment: only with --github');
      if (options.comment) assertCanComment(io.env);
      const config = await loadConfig(options.config, { cwd: io.cwd, env: io.env });
      const progress = createProgress(io, options.format === 'table' && options.out === undefined);
      let report: Report;
      try {
        report = await check(config, {
          ...(options.at === undefined ? {} : { at: options.at }),
          strict: options.strict === true,
          env: io.env,
          ...(progress.update ? { onProgress: progress.update } : {}),
        });
      } finally {
        progress.done();
      }
      const color = io.color && options.out === undefined;
      const text = renderReport(report, options.format, { color });
      if (options.out === undefined) io.stdout(text);
      else {
        const path = resolve(io.cwd, options.out);
        try {
          await writeFile(path, text);
        } catch (error) {
          throw new UsageError(`--out: cannot write ${options.out}: ${(error as Error).message}`);
        }
        io.stderr(`Report written to ${options.out}\n`);
      }
      const publishFailed =
        options.publish === undefined ? false : !(await publishReport(config, report, options.publish, io));
      const commentFailed =
        options.github === true &&
        !(await reportToGitHub(report, io, {
          comment: options.comment === true,
          configFile: config.file ?? '.',
        }));
      const sourceFailed = report.sources.some((source) => source.error !== null);
      for (const source of report.sources) {
        if (source.error !== null) io.stderr(`slokit: ${source.error}; its SLOs are reported as no_data\n`);
      }
      if (sourceFailed || publishFailed || commentFailed) setExitCode(3);
      else setExitCode(worstSeverity(report) >= failLevels[options.failOn] ? 1 : 0);
    });
}

/** The worst status over every SLO and every segment. */
export function worstSeverity(report: Report): number {
  let worst = 0;
  for (const slo of report.slos) {
    worst = Math.max(worst, statusSeverity[slo.status]);
    for (const segment of slo.segments ?? []) worst = Math.max(worst, statusSeverity[segment.status]);
  }
  return worst;
}
