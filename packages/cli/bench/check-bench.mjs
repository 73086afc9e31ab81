// Benchmarks `slokit check` over a large JSONL file against the floor of reading and JSON.parse-ing it.
//
//   node bench/check-bench.mjs [--records N] [--json]    (or: npm run bench, from the repository root)
//
// Environment (turbo 2 runs tasks in strict env mode and does not pass these through: under `npm run bench`
// use `npm run bench -- -- --records N`, or run this file with node directly):
//   SLOKIT_BENCH_RECORDS  records to generate and read (default 1000000, about 450 MB); --records wins
//   SLOKIT_BENCH_SEED     testkit seed (default bench)
//   SLOKIT_BENCH_RUNS     timed runs of each command, alternating baseline/check (default 3); medians are reported
//
// The data is generated once per size and seed into packages/cli/bench-data/ (git-ignored) with the testkit bin.
// Wall time is measured around each child process, peak RSS by the child itself (bench/max-rss.mjs, preloaded
// with --import). Exit code: 0 whether or not the targets are met (this measures, it does not test); 1 when a
// child process fails or the check report is not sane; 2 for a bad command line or environment.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const benchDir = dirname(fileURLToPath(import.meta.url));
const cliDir = resolve(benchDir, '..');
const dataDir = join(cliDir, 'bench-data');
const cliBin = join(cliDir, 'dist', 'bin.js');
const baselineScript = join(benchDir, 'baseline-read-parse.mjs');
const maxRssModule = pathToFileURL(join(benchDir, 'max-rss.mjs')).href;

/** The generated records span this week; `--at` is its (exclusive) end, so every record is in every window. */
const rangeEnd = '2026-11-26T14:00:00.000Z';
const rangeStart = '2026-11-19T14:00:00.000Z';

const targets = { maxTimeRatio: 2, maxRssMB: 300 };

const usage = `Usage: node bench/check-bench.mjs [--records N] [--json]

Times \`slokit check\` (packages/cli/dist/bin.js) over a generated JSONL file against a baseline that only
reads and JSON.parses it, and reports wall time, records/s and peak RSS (medians).

  --records N  records to generate and read (default: SLOKIT_BENCH_RECORDS, else 1000000)
  --json       print the results as JSON
  -h, --help   show this help

Environment: SLOKIT_BENCH_RECORDS (default 1000000), SLOKIT_BENCH_SEED (default bench),
SLOKIT_BENCH_RUNS (default 3). Build first: npx turbo run build (npm run bench does).
`;

class BenchError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

const showProgress = Boolean(process.stdout.isTTY) && !process.env.CI;
function progress(message) {
  if (showProgress) process.stderr.write(`${message}\n`);
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        records: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new BenchError(`${error.message.split('\n')[0]}\n\n${usage}`, 2);
  }
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  const records =
    values.records === undefined
      ? positiveInteger('SLOKIT_BENCH_RECORDS', 1_000_000)
      : positiveInteger('--records', 1_000_000, values.records);
  const runs = positiveInteger('SLOKIT_BENCH_RUNS', 3);
  const seed = process.env.SLOKIT_BENCH_SEED || 'bench';
  if (!/^[\w.-]+$/.test(seed)) throw new BenchError('SLOKIT_BENCH_SEED: use letters, digits, _, . or -', 2);
  if (!existsSync(cliBin)) {
    throw new BenchError(`${cliBin} is missing; build first: npx turbo run build`, 2);
  }

  const data = await ensureData(records, seed);
  const config = await writeConfig(data);
  await warmPageCache(data.file);

  const tempDir = await mkdtemp(join(tmpdir(), 'slokit-bench-'));
  const baseline = [];
  const check = [];
  try {
    for (let run = 1; run <= runs; run++) {
      progress(`run ${run}/${runs}: baseline (read + JSON.parse)`);
      const base = await measure('baseline', [baselineScript, data.file], tempDir);
      const counted = Number(base.stdout.trim());
      if (counted !== records) {
        throw new BenchError(`baseline counted ${base.stdout.trim()} lines, expected ${records}`);
      }
      baseline.push(base);
      progress(`  ${base.seconds.toFixed(2)} s, ${formatMB(base.rssBytes)} MB peak RSS`);

      progress(`run ${run}/${runs}: slokit check`);
      const checked = await measure(
        'slokit check',
        [cliBin, 'check', '--config', config, '--at', rangeEnd, '--format', 'json', '--fail-on', 'never'],
        tempDir,
      );
      assertSaneReport(checked.stdout, records);
      check.push(checked);
      progress(`  ${checked.seconds.toFixed(2)} s, ${formatMB(checked.rssBytes)} MB peak RSS`);
    }
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }

  const results = summarize(data, runs, baseline, check);
  process.stdout.write(values.json ? `${JSON.stringify(results, null, 2)}\n` : renderReport(results));
  return 0;
}

function positiveInteger(name, fallback, text = process.env[name]) {
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new BenchError(`${name} must be a positive whole number, got "${text}"`, 2);
  }
  return Number(text);
}

/** The records file for this size and seed, generated unless a complete one is cached. */
async function ensureData(records, seed) {
  await mkdir(dataDir, { recursive: true });
  const base = `records-${records}-${seed}`;
  const file = join(dataDir, `${base}.jsonl`);
  const metaFile = join(dataDir, `${base}.meta.json`);
  const wanted = { records, seed, start: rangeStart, end: rangeEnd };
  try {
    const meta = JSON.parse(await readFile(metaFile, 'utf8'));
    const { size } = await stat(file);
    if (
      meta.records === records &&
      meta.seed === seed &&
      meta.start === rangeStart &&
      meta.end === rangeEnd &&
      meta.bytes === size
    ) {
      progress(`using cached ${file} (${formatMB(size)} MB)`);
      return { file, records, bytes: size };
    }
  } catch {
    // Not generated yet, or generation was interrupted: generate.
  }
  const testkitBin = resolveTestkitBin();
  const partial = `${file}.partial`;
  progress(`generating ${records.toLocaleString('en-US')} records into ${file} ...`);
  const startedAt = process.hrtime.bigint();
  const result = await runChild(process.execPath, [
    testkitBin,
    'generate',
    '--records',
    String(records),
    '--seed',
    seed,
    '--start',
    rangeStart,
    '--end',
    rangeEnd,
    '--format',
    'jsonl',
    '--out',
    partial,
  ]);
  if (result.code !== 0) {
    await rm(partial, { force: true });
    throw childFailure('testkit generate', result);
  }
  await rename(partial, file);
  const { size } = await stat(file);
  await writeFile(metaFile, `${JSON.stringify({ ...wanted, bytes: size }, null, 2)}\n`);
  progress(`  generated ${formatMB(size)} MB in ${secondsSince(startedAt).toFixed(1)} s`);
  return { file, records, bytes: size };
}

function resolveTestkitBin() {
  let packageJson;
  try {
    packageJson = createRequire(import.meta.url).resolve('@slokit/testkit/package.json');
  } catch {
    packageJson = resolve(cliDir, '..', 'testkit', 'package.json');
  }
  const bin = join(dirname(packageJson), 'dist', 'bin.js');
  if (!existsSync(bin)) throw new BenchError(`${bin} is missing; build first: npx turbo run build`, 2);
  return bin;
}

/** The config beside the data; rewritten on every run so edits here take effect with cached data. */
async function writeConfig(data) {
  const name = data.file.slice(dataDir.length + 1);
  const config = join(dataDir, name.replace(/\.jsonl$/, '.slokit.yaml'));
  const yaml = `# Written by packages/cli/bench/check-bench.mjs; records span ${rangeStart} to ${rangeEnd}.
version: 1
sources:
  bench:
    type: file
    path: ./${name}
slos:
  - name: accuracy
    sli: { metric: scores.accuracy, aggregate: mean }
    objective: { op: gte, target: 0.9 }
    window: 30d
  - name: p95-latency
    sli: { metric: latency_ms, aggregate: p95 }
    objective: { op: lte, target: 2000 }
    window: 30d
  - name: p99-latency-by-model
    sli: { metric: latency_ms, aggregate: p99 }
    objective: { op: lte, target: 5000 }
    groupBy: metadata.model
  - name: availability
    sli: { ratio: { good: { field: status, equals: success } } }
    objective: { op: gte, target: 0.995 }
    window: 30d
  - name: cost-per-query
    sli: { metric: cost_usd, aggregate: mean }
    objective: { op: lte, target: 0.05 }
`;
  await writeFile(config, yaml);
  return config;
}

/** Reads the file once untimed so the first timed run does not pay for a cold page cache. */
async function warmPageCache(file) {
  progress('warming the page cache ...');
  for await (const _chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    // discard
  }
}

/** Runs one node child with the max-RSS preload; returns wall seconds, peak RSS bytes and stdout. */
async function measure(label, args, tempDir) {
  const rssFile = join(tempDir, `${label.replace(/\W+/g, '-')}-${process.hrtime.bigint()}.rss`);
  const startedAt = process.hrtime.bigint();
  const result = await runChild(process.execPath, ['--import', maxRssModule, ...args], {
    SLOKIT_BENCH_RSS_FILE: rssFile,
  });
  const seconds = secondsSince(startedAt);
  if (result.code !== 0) throw childFailure(label, result);
  let rssKiB;
  try {
    rssKiB = Number((await readFile(rssFile, 'utf8')).trim());
  } catch (error) {
    throw new BenchError(`${label}: no peak RSS was recorded (${error.message})`);
  }
  if (!(rssKiB > 0)) throw new BenchError(`${label}: bad peak RSS "${rssKiB}"`);
  return { seconds, rssBytes: rssKiB * 1024, stdout: result.stdout };
}

function runChild(command, args, extraEnv = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...extraEnv },
    });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolvePromise({
        code: code ?? 1,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
  });
}

function childFailure(label, result) {
  const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${result.code}`;
  const stderr = result.stderr.trim();
  return new BenchError(`${label} ${how}${stderr ? `:\n${stderr}` : ''}`);
}

/** Fails loudly unless the check report read every record and every SLO has data. */
function assertSaneReport(stdout, records) {
  let report;
  try {
    report = JSON.parse(stdout);
  } catch (error) {
    throw new BenchError(
      `slokit check did not print a JSON report (${error.message}):\n${stdout.slice(0, 500)}`,
    );
  }
  const problems = [];
  const source = report.sources?.[0];
  if (report.sources?.length !== 1) problems.push(`expected 1 source, found ${report.sources?.length}`);
  else {
    if (source.records !== records)
      problems.push(`source read ${source.records} records, expected ${records}`);
    if (source.skipped !== 0) {
      problems.push(
        `source skipped ${source.skipped} records: ${JSON.stringify(source.issues?.slice(0, 3))}`,
      );
    }
  }
  if (report.slos?.length !== 5) problems.push(`expected 5 SLOs, found ${report.slos?.length}`);
  for (const slo of report.slos ?? []) {
    if (!(slo.samples > 0 && slo.samples <= records)) {
      problems.push(`${slo.name}: ${slo.samples} samples, expected 1..${records}`);
    }
    if (slo.value === null || slo.status === 'no_data')
      problems.push(`${slo.name}: no value (${slo.status})`);
    if (slo.segments) {
      const total = slo.segments.reduce((sum, segment) => sum + segment.samples, 0);
      if (slo.segments.length === 0 || total !== slo.samples) {
        problems.push(`${slo.name}: segments hold ${total} samples, the SLO ${slo.samples}`);
      }
    }
  }
  if (problems.length > 0) {
    throw new BenchError(`slokit check report is not sane:\n  ${problems.join('\n  ')}`);
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summarize(data, runs, baselineRuns, checkRuns) {
  const describe = (list) => {
    const seconds = median(list.map((run) => run.seconds));
    const rssBytes = median(list.map((run) => run.rssBytes));
    return {
      seconds: round(seconds, 3),
      recordsPerSecond: Math.round(data.records / seconds),
      peakRssMB: round(rssBytes / 1e6, 1),
      runs: list.map((run) => ({ seconds: round(run.seconds, 3), peakRssMB: round(run.rssBytes / 1e6, 1) })),
    };
  };
  const baseline = describe(baselineRuns);
  const check = describe(checkRuns);
  const timeRatio = round(check.seconds / baseline.seconds, 2);
  return {
    node: process.version,
    input: {
      file: data.file,
      records: data.records,
      bytes: data.bytes,
      megabytes: round(data.bytes / 1e6, 1),
    },
    runs,
    baseline,
    check,
    timeRatio,
    targets: {
      withinBaselineFactor: {
        limit: targets.maxTimeRatio,
        value: timeRatio,
        pass: timeRatio <= targets.maxTimeRatio,
      },
      peakRssMB: {
        limit: targets.maxRssMB,
        value: check.peakRssMB,
        pass: check.peakRssMB < targets.maxRssMB,
      },
    },
  };
}

function renderReport(results) {
  const { input, baseline, check, targets: verdicts } = results;
  const row = (name, r) =>
    `  ${name.padEnd(14)} ${r.seconds.toFixed(2).padStart(8)} s ${r.recordsPerSecond.toLocaleString('en-US').padStart(12)} rec/s ${r.peakRssMB.toFixed(1).padStart(8)} MB`;
  const verdict = (pass) => (pass ? 'PASS' : 'FAIL');
  return [
    `slokit check benchmark (node ${results.node}, median of ${results.runs} runs, MB = 10^6 bytes)`,
    `  input: ${input.records.toLocaleString('en-US')} records, ${input.megabytes.toFixed(1)} MB`,
    `  ${''.padEnd(14)} ${'wall'.padStart(10)} ${'throughput'.padStart(18)} ${'peak RSS'.padStart(11)}`,
    row('baseline', baseline),
    row('slokit check', check),
    `  check / baseline time: ${results.timeRatio.toFixed(2)}x`,
    `  ${verdict(verdicts.withinBaselineFactor.pass)}  within ${targets.maxTimeRatio}x of the baseline (${results.timeRatio.toFixed(2)}x)`,
    `  ${verdict(verdicts.peakRssMB.pass)}  under ${targets.maxRssMB} MB RSS (${check.peakRssMB.toFixed(1)} MB)`,
    '',
  ].join('\n');
}

function round(value, digits) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function formatMB(bytes) {
  return (bytes / 1e6).toFixed(1);
}

function secondsSince(startedAt) {
  return Number(process.hrtime.bigint() - startedAt) / 1e9;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    const message = error instanceof BenchError ? error.message : (error?.stack ?? String(error));
    process.stderr.write(`check-bench: ${message}\n`);
    process.exitCode = error instanceof BenchError ? error.exitCode : 1;
  },
);
