#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { parseIsoTime } from './parse-iso-time.js';
import { supportBotCsvColumns } from './support-bot-csv-columns.js';
import { generateSupportBotTraffic, type SupportBotTrafficOptions } from './support-bot-traffic.js';
import { writeCsv } from './write-csv.js';
import { writeJsonl } from './write-jsonl.js';

const usage = `Usage: slokit-testkit generate (--records N | --start ISO --end ISO) [options] --out FILE

Writes seeded, realistic LLM support-bot traffic; the same arguments always give the same file.

  --records N      exactly N records, between --start and --end when given,
                   else in the 24 h before 2026-11-26T14:00:00Z
  --start ISO      start of the time range, e.g. 2026-11-25T14:00:00Z
  --end ISO        end of the time range (exclusive)
  --rate R         mean requests per minute, without --records (default 10)
  --seed S         seed (default slokit)
  --format F       jsonl or csv (default: csv if FILE ends in .csv, else jsonl)
  --out FILE       the file to write
  -h, --help       show this help
`;

/** A mistake in the command line: reported in one line with exit code 2. */
class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      records: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      rate: { type: 'string' },
      seed: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  const [command, ...extra] = positionals;
  if (command === undefined) throw new UsageError('missing command: generate');
  if (command !== 'generate') throw new UsageError(`unknown command "${command}"`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (values.out === undefined) throw new UsageError('--out FILE is required');
  if (values.records === undefined && (values.start === undefined || values.end === undefined)) {
    throw new UsageError('give --records N, or both --start and --end');
  }
  if (values.records !== undefined && values.rate !== undefined) {
    throw new UsageError('--rate applies without --records; give one of them');
  }
  const format = values.format ?? (values.out.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');
  if (format !== 'jsonl' && format !== 'csv')
    throw new UsageError(`--format must be jsonl or csv, got "${format}"`);

  const options: SupportBotTrafficOptions = {};
  if (values.seed !== undefined) options.seed = values.seed;
  for (const name of ['start', 'end'] as const) {
    const text = values[name];
    if (text === undefined) continue;
    if (Number.isNaN(parseIsoTime(text))) {
      throw new UsageError(`--${name} must be an ISO 8601 date such as 2026-11-26T14:00:00Z, got "${text}"`);
    }
    options[name] = text;
  }
  if (values.records !== undefined) {
    if (!/^\d+$/.test(values.records)) {
      throw new UsageError(`--records must be a whole number, got "${values.records}"`);
    }
    options.count = Number(values.records);
  }
  if (values.rate !== undefined) {
    const rate = Number(values.rate);
    if (!(values.rate.trim() !== '' && Number.isFinite(rate) && rate > 0)) {
      throw new UsageError(`--rate must be a positive number, got "${values.rate}"`);
    }
    options.requestsPerMinute = rate;
  }

  let records: ReturnType<typeof generateSupportBotTraffic>;
  try {
    records = generateSupportBotTraffic(options);
  } catch (error) {
    // The generator checks its options up front; with options from the command line, a bad one is a usage error.
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  const startedAt = performance.now();
  const { count, bytes } =
    format === 'csv'
      ? await writeCsv(records, values.out, supportBotCsvColumns)
      : await writeJsonl(records, values.out);
  const seconds = (performance.now() - startedAt) / 1000;
  process.stderr.write(
    `slokit-testkit: wrote ${count} records (${bytes} bytes) to ${values.out} in ${seconds.toFixed(2)} s\n`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const isUsageError =
    error instanceof UsageError ||
    // node:util parseArgs reports unknown options and missing values with ERR_PARSE_ARGS_* codes.
    (error instanceof Error && String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS'));
  // parseArgs appends advice on passing positionals that start with '-'; it does not fit on one line.
  const message = (error instanceof Error ? error.message : String(error))
    .split('\n')[0]!
    .split('. To specify')[0];
  const hint = isUsageError ? ' (see slokit-testkit --help)' : '';
  process.stderr.write(`slokit-testkit: ${message}${hint}\n`);
  process.exitCode = isUsageError ? 2 : 1;
});
