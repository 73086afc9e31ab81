import { SlokitError } from '@slokit/core';
import { terminalText } from '@slokit/render';
import { Command, CommanderError } from 'commander';
import { type CliIo, processIo } from './cli-io.js';
import { cliVersion } from './cli-version.js';
import { registerCheckCommand } from './commands/check-command.js';
import { registerDiscoverCommand } from './commands/discover-command.js';
import { registerExportPrometheusRulesCommand } from './commands/export-prometheus-rules-command.js';
import { registerInitCommand } from './commands/init-command.js';
import { registerReportCommand } from './commands/report-command.js';
import { registerReviewCommand } from './commands/review-command.js';
import { registerSilenceCommand } from './commands/silence-command.js';
import { registerSyncCommand } from './commands/sync-command.js';
import { registerTestChannelCommand } from './commands/test-channel-command.js';
import { registerValidateCommand } from './commands/validate-command.js';

/**
 * Runs the slokit command line and resolves to its exit code: 0 fine, 1 an SLO at or beyond --fail-on,
 * 2 a usage, config or input error, 3 a source that could not be read.
 */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const program = new Command('slokit')
    .description('Quality SLOs, error budgets and alerts for LLM applications')
    .version(cliVersion, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  const setExitCode = (code: number) => {
    exitCode = code;
  };
  registerInitCommand(program, io);
  registerValidateCommand(program, io);
  registerCheckCommand(program, io, setExitCode);
  registerDiscoverCommand(program, io);
  registerSyncCommand(program, io, setExitCode);
  registerReportCommand(program, io);
  registerReviewCommand(program, io);
  registerSilenceCommand(program, io);
  registerTestChannelCommand(program, io);
  const exportCommand = program.command('export').description("write the config in another tool's format");
  registerExportPrometheusRulesCommand(exportCommand, io);
  for (const command of program.commands)
    command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other commander error is a usage mistake it already printed.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (SlokitError.isInstance(error)) {
      // Messages can quote tracker answers and record data: no control character reaches the terminal.
      io.stderr(`slokit: ${error.message.split('\n').map(terminalText).join('\n')}\n`);
      return error.exitCode;
    }
    io.stderr(`slokit: unexpected error (please report it): ${(error as Error)?.stack ?? String(error)}\n`);
    return 70;
  }
}
