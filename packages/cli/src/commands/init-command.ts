import { access, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { CliIo } from '../cli-io.js';
import { suggestSlos } from '../discovery/suggest-slos.js';
import { askTrackerChoice, type TrackerFlags } from '../init/ask-tracker-choice.js';
import { chooseStarterSlos, genericStarterSlos } from '../init/choose-starter-slos.js';
import { initSource, trackers } from '../init/init-source.js';
import { probeSource } from '../init/probe-source.js';
import { renderInitConfig } from '../init/render-init-config.js';
import { UsageError } from '../usage-error.js';

interface InitOptions extends TrackerFlags {
  config: string;
  force?: boolean;
  days: string;
  now?: string;
}

export function registerInitCommand(program: Command, io: CliIo): void {
  program
    .command('init')
    .description('write a slokit.yaml for your tracker, with starter SLOs from what it holds')
    .option('-c, --config <file>', 'where to write it', 'slokit.yaml')
    .option('-f, --force', 'overwrite an existing file')
    .addOption(
      new Option('--tracker <tracker>', 'where your runs or evals are (asked on a terminal)').choices(
        trackers,
      ),
    )
    .option('--path <file>', 'file: the records (JSONL, CSV) or eval results (JSON)')
    .option('--project <name>', 'langsmith: the project; weave: entity/project')
    .option('--experiment <name>', 'mlflow: the experiment (name or id)')
    .option('--traces', 'mlflow: read GenAI traces instead of evaluation runs')
    .option(
      '--ops <ops>',
      'weave: comma-separated ops whose calls are production traffic (default: evaluations)',
    )
    .option('--days <n>', 'look at the records of the last N days (0: all)', '7')
    .option('--now <time>', 'treat this ISO time as now')
    .action(async (options: InitOptions) => {
      const window = discoveryWindow(options);
      // Before any question or a slow read of the tracker.
      if (!options.force && (await exists(resolve(io.cwd, options.config))))
        throw alreadyExists(options.config);
      const choice = await askTrackerChoice(options, io);
      const source = initSource(choice);
      const probe = await probeSource(source, window, io);
      const chosen = 'failure' in probe ? [] : chooseStarterSlos(suggestSlos(probe.found, probe.evalMetrics));
      const fromSource = chosen.length > 0;
      const slos = fromSource ? chosen : genericStarterSlos;
      const origin = fromSource ? `from what ${source.described} holds` : `for ${source.described}`;
      await writeConfig(options, renderInitConfig(source, slos, origin), io);

      if ('failure' in probe) io.stderr(`slokit: could not look at ${source.described}: ${probe.failure}\n`);
      else if (!fromSource) io.stderr(`slokit: found nothing to measure in ${source.described} yet\n`);
      io.stdout(
        `Wrote ${options.config}: ${source.described}, ${slos.length} ${fromSource ? 'SLOs from what it holds' : 'starter SLOs to adjust'}.\n` +
          (fromSource
            ? 'Next: npx slokit check\n'
            : 'Next: npx slokit discover, once the source can be read, to see what it holds; then npx slokit check\n'),
      );
    });
}

function discoveryWindow(options: InitOptions): { since?: Date; until?: Date } {
  const days = Number(options.days);
  if (!Number.isFinite(days) || days < 0)
    throw new UsageError(`--days: expected a number of days, found '${options.days}'`);
  const now = options.now === undefined ? new Date() : new Date(options.now);
  if (Number.isNaN(now.getTime()))
    throw new UsageError(`--now: expected an ISO 8601 time, found '${options.now}'`);
  return days === 0 ? {} : { since: new Date(now.getTime() - days * 86_400_000), until: now };
}

async function writeConfig(options: InitOptions, text: string, io: CliIo): Promise<void> {
  try {
    await writeFile(resolve(io.cwd, options.config), text, { flag: options.force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw alreadyExists(options.config);
    throw new UsageError(`cannot write ${options.config}: ${(error as Error).message}`);
  }
}

function alreadyExists(config: string): UsageError {
  return new UsageError(`${config} already exists; pass --force to overwrite it`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
