import { hostname } from 'node:os';
import {
  ConfigError,
  type ResolvedConfig,
  type StateStore,
  type SyncResult,
  statusSeverity,
} from '@slokit/core';
import { type CycleOutcome, loadConfig, runCycle } from '@slokit/engine';
import { type DeliveryReport, deliverCycle } from '@slokit/notify';
import { type Command, Option } from 'commander';
import type { CliIo } from '../cli-io.js';
import { openConfiguredStore } from '../open-store.js';
import { parseDurationOption, parseTimeOption } from '../parse-time-option.js';
import { createProgress } from '../progress.js';
import { renderSyncSummary } from '../render-sync-summary.js';
import { sleep } from '../sleep.js';
import { UsageError } from '../usage-error.js';

interface SyncCommandOptions {
  config?: string;
  once?: boolean;
  every?: string;
  dryRun?: boolean;
  since?: string;
  rebuild?: boolean;
  now?: string;
  json?: boolean;
  failOn: 'warning' | 'critical' | 'never';
  workerId?: string;
}

const failLevels = {
  warning: statusSeverity.warning,
  critical: statusSeverity.critical,
  never: Number.POSITIVE_INFINITY,
};

export function registerSyncCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('sync')
    .description('pull new records, update SLO history, budgets and burn rates, and run the alert policy')
    .option(
      '-c, --config <file>',
      'config file (default: slokit.config.ts, slokit.yaml, slokit.yml or slokit.json)',
    )
    .option('--once', 'run one cycle and exit (the default)')
    .option('--every <duration>', 'run a cycle every duration (5m) until SIGINT/SIGTERM')
    .option('--dry-run', 'compute and print everything, write nothing, send nothing')
    .option('--since <time>', 'read records from this ISO time instead of the saved cursor (backfills)')
    .option(
      '--rebuild',
      'forget counted records and history buckets, and rebuild history from --since or the backfill',
    )
    .option('--now <time>', 'run as if the current time were this ISO time (replays, backfills, tests)')
    .option('--json', "print the cycle's result as JSON")
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when an SLO is at or beyond this level')
        .choices(['warning', 'critical', 'never'])
        .default('never'),
    )
    .option('--worker-id <id>', "this worker's identity for locks and leases (default: host and process id)")
    .action(async (options: SyncCommandOptions) => {
      if (options.once && options.every) throw new UsageError('--once and --every exclude each other');
      const everyMs = options.every === undefined ? undefined : parseDurationOption('--every', options.every);
      if (everyMs !== undefined && options.now !== undefined)
        throw new UsageError('--now runs one cycle at a simulated time; it cannot repeat with --every');
      const now = parseTimeOption('--now', options.now);
      const since = parseTimeOption('--since', options.since);
      const config = await loadConfig(options.config, { cwd: io.cwd, env: io.env });
      const store = await openConfiguredStore(config);
      const owner = options.workerId ?? `${hostname()}:${process.pid}`;
      await releaseDeadLocalLock(store);
      try {
        if (everyMs === undefined) {
          setExitCode(await runCommandCycle(config, store, io, { ...options, owner, now, since }));
          return;
        }
        setExitCode(
          await runDaemon(config, store, io, everyMs, { ...options, owner, now: undefined, since }),
        );
      } finally {
        await store.close();
      }
    });
}

interface CycleOptions extends Omit<SyncCommandOptions, 'now' | 'since'> {
  owner: string;
  now?: Date | undefined;
  since?: Date | undefined;
  signal?: AbortSignal;
}

/** One cycle; resolves to its exit code. */
async function runCommandCycle(
  config: ResolvedConfig,
  store: StateStore,
  io: CliIo,
  options: CycleOptions,
): Promise<number> {
  const progress = createProgress(io, !options.json);
  let outcome: CycleOutcome<DeliveryReport>;
  try {
    outcome = await runCycle({
      config,
      store,
      owner: options.owner,
      scaleOut: config.store.kind === 'postgres',
      env: io.env,
      deliver: deliverCycle,
      ...(options.now ? { now: options.now } : {}),
      ...(options.since ? { since: options.since } : {}),
      ...(options.rebuild ? { rebuild: true } : {}),
      ...(options.dryRun ? { dryRun: true } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(progress.update ? { onProgress: (update) => progress.update?.({ ...update, skipped: 0 }) } : {}),
    });
  } finally {
    progress.done();
  }
  const { result, delivery } = outcome;
  if (result.skipped !== null) {
    if (options.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else io.stderr(`slokit: ${result.skipped}; nothing done\n`);
    return 0;
  }
  const output = delivery ? { ...result, delivery } : result;
  io.stdout(
    options.json
      ? `${JSON.stringify(output, null, 2)}\n`
      : renderSyncSummary(result, { color: io.color }) + (delivery ? renderDelivery(delivery) : ''),
  );
  const failed =
    result.sources.some((source) => source.error !== null) ||
    result.published.some((entry) => entry.error !== null) ||
    (delivery?.failed.length ?? 0) > 0;
  if (failed) return 3;
  const worst = Math.max(
    0,
    ...result.slos.flatMap((slo) => [
      statusSeverity[slo.status],
      ...(slo.segments ?? []).map((segment) => statusSeverity[segment.status]),
    ]),
  );
  return worst >= failLevels[options.failOn] ? 1 : 0;
}

/** Cycles every `everyMs` until SIGINT/SIGTERM; the cycle in flight finishes or rolls back. */
async function runDaemon(
  config: ResolvedConfig,
  store: StateStore,
  io: CliIo,
  everyMs: number,
  options: CycleOptions,
): Promise<number> {
  const controller = new AbortController();
  const stop = () => {
    if (!controller.signal.aborted) io.stderr('slokit: stopping after the cycle in flight\n');
    controller.abort(new Error('stopped'));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    let since = options.since;
    let rebuild = options.rebuild;
    while (!controller.signal.aborted) {
      const started = Date.now();
      try {
        // A failed source or channel is reported by the cycle; the daemon carries on with the next one.
        await runCommandCycle(config, store, io, { ...options, since, rebuild, signal: controller.signal });
      } catch (error) {
        if (controller.signal.aborted) break;
        // A config that cannot work stops the daemon; anything else is reported and the next cycle tries again.
        if (ConfigError.isInstance(error)) throw error;
        io.stderr(`slokit: cycle failed: ${(error as Error).message}\n`);
      }
      since = undefined;
      rebuild = false;
      await sleep(Math.max(0, everyMs - (Date.now() - started)), controller.signal);
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return 0;
}

/**
 * A sync killed on this machine leaves its lock behind until the lease lapses (2 minutes). When the holder is a
 * process of this host that no longer exists, release its lock now so the next run can redo its cycle.
 */
async function releaseDeadLocalLock(store: StateStore): Promise<void> {
  const [lock] = await store.listLeases('sync', Date.now());
  if (lock?.name !== 'sync') return;
  const match = /^(.*):(\d+)$/.exec(lock.owner);
  if (!match || match[1] !== hostname()) return;
  try {
    process.kill(Number(match[2]), 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') await store.releaseLease('sync', lock.owner);
  }
}

/** What was delivered to which channel, and what failed and will be retried. */
function renderDelivery(delivery: DeliveryReport): string {
  const lines: string[] = [];
  for (const sent of delivery.sent) lines.push(`Sent to ${sent.channel}: ${sent.events} event(s)`);
  for (const failed of delivery.failed) {
    const next = failed.dead
      ? 'the endpoint is gone (404/410): fix the channel settings; the message is kept'
      : failed.nextAttemptAt === null
        ? 'kept'
        : `retried after ${new Date(failed.nextAttemptAt).toISOString().replace('T', ' ').slice(0, 16)} UTC`;
    lines.push(`Delivery to ${failed.channel} FAILED (attempt ${failed.attempts}): ${failed.error}; ${next}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
