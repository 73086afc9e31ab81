import { randomUUID } from 'node:crypto';
import type { Silence } from '@slokit/core';
import { loadConfig } from '@slokit/engine';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { openConfiguredStore } from '../open-store.js';
import { parseDurationOption, parseTimeOption } from '../parse-time-option.js';
import { UsageError } from '../usage-error.js';

interface SilenceAddOptions {
  config?: string;
  slo: string;
  segment?: string;
  for: string;
  reason: string;
  now?: string;
}

export function registerSilenceCommand(program: Command, io: CliIo): void {
  const silence = program
    .command('silence')
    .description('silence alerts of an SLO for a while: they are recorded, not sent');
  silence
    .command('add')
    .description('silence an SLO (or one segment of it)')
    .option('-c, --config <file>', 'config file')
    .requiredOption('--slo <name>', 'the SLO to silence')
    .option('--segment <value>', 'only this segment of a groupBy SLO')
    .requiredOption('--for <duration>', 'how long, e.g. 2h')
    .requiredOption('--reason <text>', 'why, for whoever looks later')
    .option('--now <time>', 'start at this ISO time instead of now')
    .action(async (options: SilenceAddOptions) => {
      const config = await loadConfig(options.config, { cwd: io.cwd, env: io.env });
      if (!config.slos.some((slo) => slo.name === options.slo)) {
        throw new UsageError(
          `--slo: no SLO named '${options.slo}' (SLOs: ${config.slos.map((slo) => slo.name).join(', ')})`,
        );
      }
      const startsAt = (parseTimeOption('--now', options.now) ?? new Date()).getTime();
      const entry: Silence = {
        id: randomUUID().slice(0, 8),
        slo: options.slo,
        segment: options.segment ?? null,
        startsAt,
        endsAt: startsAt + parseDurationOption('--for', options.for),
        reason: options.reason,
        createdAt: Date.now(),
        expiredAt: null,
      };
      const store = await openConfiguredStore(config);
      try {
        await store.addSilence(entry);
      } finally {
        await store.close();
      }
      io.stdout(`Silenced ${describe(entry)} (id ${entry.id})\n`);
    });
  silence
    .command('list')
    .description('list active silences (all with --all)')
    .option('-c, --config <file>', 'config file')
    .option('--all', 'include expired silences')
    .option('--now <time>', 'treat this ISO time as now')
    .option('--json', 'print JSON')
    .action(async (options: { config?: string; all?: boolean; now?: string; json?: boolean }) => {
      const config = await loadConfig(options.config, { cwd: io.cwd, env: io.env });
      const now = (parseTimeOption('--now', options.now) ?? new Date()).getTime();
      const store = await openConfiguredStore(config);
      let silences: Silence[];
      try {
        silences = await store.listSilences(options.all ? {} : { activeAt: now });
      } finally {
        await store.close();
      }
      if (options.json) {
        io.stdout(`${JSON.stringify(silences, null, 2)}\n`);
        return;
      }
      if (silences.length === 0) io.stdout(options.all ? 'No silences.\n' : 'No active silences.\n');
      for (const entry of silences) io.stdout(`${entry.id}  ${describe(entry)}\n`);
    });
  silence
    .command('expire <id>')
    .description('end a silence now')
    .option('-c, --config <file>', 'config file')
    .option('--now <time>', 'treat this ISO time as now')
    .action(async (id: string, options: { config?: string; now?: string }) => {
      const config = await loadConfig(options.config, { cwd: io.cwd, env: io.env });
      const now = (parseTimeOption('--now', options.now) ?? new Date()).getTime();
      const store = await openConfiguredStore(config);
      let expired: boolean;
      try {
        expired = await store.expireSilence(id, now);
      } finally {
        await store.close();
      }
      if (!expired) throw new UsageError(`no active silence with id '${id}' (see slokit silence list)`);
      io.stdout(`Expired silence ${id}\n`);
    });
}

function describe(entry: Silence): string {
  const segment = entry.segment === null ? '' : ` [${entry.segment}]`;
  const until = new Date(entry.expiredAt ?? entry.endsAt)
    .toISOString()
    .replace('T', ' ')
    .replace(/:\d\d\.\d+Z$/, ' UTC');
  const state = entry.expiredAt !== null ? 'expired' : 'until';
  return `${entry.slo}${segment} ${state} ${until}: ${entry.reason}`;
}
