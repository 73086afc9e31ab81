import { loadConfig } from '@slokit/engine';
import { sendTestMessage } from '@slokit/notify';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../usage-error.js';

export function registerTestChannelCommand(program: Command, io: CliIo): void {
  program
    .command('test-channel <name>')
    .description('send a clearly marked test message to a configured channel')
    .option(
      '-c, --config <file>',
      'config file (default: slokit.config.ts, slokit.yaml, slokit.yml or slokit.json)',
    )
    .action(async (name: string, options: { config?: string }) => {
      const config = await loadConfig(options.config, { cwd: io.cwd, env: io.env });
      if (!(name in config.channels)) {
        const known = Object.keys(config.channels);
        throw new UsageError(
          `no channel named '${name}' (channels: ${known.length > 0 ? known.join(', ') : 'none configured'})`,
        );
      }
      const sent = await sendTestMessage({ name, config, env: io.env });
      io.stdout(
        `Sent a test message to ${name} (${sent.type}, ${sent.events} sample event(s), id ${sent.id})\n`,
      );
    });
}
