// Benchmarks pulling traces from an MLflow tracking server through the @slokit/mlflow source against a plain fetch
// loop that collects the same pages into an array.
//
//   node bench/pull-traces-bench.mjs [--records N] [--json]    (or: npm run bench in packages/mlflow)
//
// Environment: SLOKIT_BENCH_RECORDS (traces, default 100000), SLOKIT_BENCH_SEED (default bench),
// SLOKIT_BENCH_RUNS (timed runs of each reader, alternating, default 3; medians are reported).
//
// The traces are generated support-bot traffic (@slokit/testkit) with two assessments each (one in ten without),
// token usage, cost and metadata, served by the MLflow emulator in its own process, so that the measured processes
// hold only the client side. Wall time is measured around each child process (start-up included), peak RSS by the
// child itself (bench/max-rss.mjs, preloaded with --import). Exit code 0 whether or not the readers are fast (this
// measures, it does not test); 1 when a child fails or the counts disagree; 2 for a bad command line.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const benchDir = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(benchDir, '..');
const maxRssModule = pathToFileURL(join(benchDir, 'max-rss.mjs')).href;

const usage = `Usage: node bench/pull-traces-bench.mjs [--records N] [--json]

Pulls N traces from an MLflow emulator with the @slokit/mlflow source and with a plain fetch loop that collects
the pages into an array, and reports wall time, traces/s and peak RSS (medians) and their ratios.

  --records N  traces to serve and pull (default: SLOKIT_BENCH_RECORDS, else 100000)
  --json       print the results as JSON
  -h, --help   show this help
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
      ? positiveInteger('SLOKIT_BENCH_RECORDS', 100_000)
      : positiveInteger('--records', 100_000, values.records);
  const runs = positiveInteger('SLOKIT_BENCH_RUNS', 3);
  const seed = process.env.SLOKIT_BENCH_SEED || 'bench';
  if (!existsSync(join(packageDir, 'dist', 'index.js'))) {
    throw new BenchError('packages/mlflow/dist is missing; build first: npx turbo run build', 2);
  }

  progress(`starting the emulator with ${records.toLocaleString('en-US')} traces ...`);
  const server = await startServer(records, seed);
  const tempDir = await mkdtemp(join(tmpdir(), 'slokit-mlflow-bench-'));
  const baseline = [];
  const source = [];
  try {
    for (let run = 1; run <= runs; run++) {
      progress(`run ${run}/${runs}: baseline (fetch loop into an array)`);
      const base = await measure(
        'baseline',
        [join(benchDir, 'baseline-fetch-loop.mjs'), server.url, server.experimentId],
        tempDir,
      );
      if (Number(base.stdout.trim()) !== records) {
        throw new BenchError(`baseline pulled ${base.stdout.trim()} traces, expected ${records}`);
      }
      baseline.push(base);
      progress(`  ${base.seconds.toFixed(2)} s, ${formatMB(base.rssBytes)} MB peak RSS`);

      progress(`run ${run}/${runs}: @slokit/mlflow source`);
      const read = await measure('source', [join(benchDir, 'source-read.mjs'), server.url], tempDir);
      const result = JSON.parse(read.stdout);
      if (result.records !== records || result.issues !== 0) {
        throw new BenchError(
          `the source read ${result.records} records with ${result.issues} issues, expected ${records}`,
        );
      }
      source.push(read);
      progress(`  ${read.seconds.toFixed(2)} s, ${formatMB(read.rssBytes)} MB peak RSS`);
    }
  } finally {
    server.stop();
    await rm(tempDir, { recursive: true, force: true });
  }
  const results = summarize(records, runs, baseline, source);
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

/** The emulator in its own process; resolves once it printed its address. */
function startServer(records, seed) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(benchDir, 'emulator-server.mjs'), String(records), seed], {
      stdio: ['pipe', 'pipe', 'pipe'],
      cwd: packageDir,
    });
    let output = '';
    let errors = '';
    child.stderr.on('data', (chunk) => {
      errors += chunk;
    });
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const line = output.split('\n')[0];
      if (output.includes('\n')) {
        const info = JSON.parse(line);
        resolvePromise({ ...info, stop: () => child.stdin.end() });
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!output.includes('\n')) reject(new BenchError(`the emulator exited with code ${code}: ${errors}`));
    });
  });
}

/** Runs one node child with the max-RSS preload; returns wall seconds, peak RSS bytes and stdout. */
async function measure(label, args, tempDir) {
  const rssFile = join(tempDir, `${label}-${process.hrtime.bigint()}.rss`);
  const startedAt = process.hrtime.bigint();
  const result = await runChild(process.execPath, ['--import', maxRssModule, ...args], {
    SLOKIT_BENCH_RSS_FILE: rssFile,
  });
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  if (result.code !== 0) {
    throw new BenchError(`${label} exited with code ${result.code}:\n${result.stderr.trim()}`);
  }
  const rssKiB = Number((await readFile(rssFile, 'utf8')).trim());
  if (!(rssKiB > 0)) throw new BenchError(`${label}: bad peak RSS "${rssKiB}"`);
  return { seconds, rssBytes: rssKiB * 1024, stdout: result.stdout };
}

function runChild(command, args, extraEnv) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: packageDir,
      env: { ...process.env, ...extraEnv },
    });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolvePromise({
        code: code ?? 1,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summarize(records, runs, baselineRuns, sourceRuns) {
  const describe = (list) => {
    const seconds = median(list.map((run) => run.seconds));
    const rssBytes = median(list.map((run) => run.rssBytes));
    return {
      seconds: round(seconds, 3),
      tracesPerSecond: Math.round(records / seconds),
      peakRssMB: round(rssBytes / 1e6, 1),
      runs: list.map((run) => ({ seconds: round(run.seconds, 3), peakRssMB: round(run.rssBytes / 1e6, 1) })),
    };
  };
  const baseline = describe(baselineRuns);
  const source = describe(sourceRuns);
  return {
    node: process.version,
    input: { traces: records, pageSize: 500, emulator: 'in a separate process on 127.0.0.1' },
    runs,
    baseline,
    source,
    timeRatio: round(source.seconds / baseline.seconds, 2),
    rssRatio: round(source.peakRssMB / baseline.peakRssMB, 2),
  };
}

function renderReport(results) {
  const { baseline, source } = results;
  const row = (name, r) =>
    `  ${name.padEnd(16)} ${r.seconds.toFixed(2).padStart(8)} s ${r.tracesPerSecond.toLocaleString('en-US').padStart(10)} traces/s ${r.peakRssMB.toFixed(1).padStart(8)} MB`;
  return [
    `MLflow trace pull benchmark (node ${results.node}, median of ${results.runs} runs, MB = 10^6 bytes)`,
    `  input: ${results.input.traces.toLocaleString('en-US')} traces, 500 per page, emulator ${results.input.emulator}`,
    `  ${''.padEnd(16)} ${'wall'.padStart(10)} ${'throughput'.padStart(19)} ${'peak RSS'.padStart(11)}`,
    row('fetch loop', baseline),
    row('@slokit/mlflow', source),
    `  source / fetch loop: ${results.timeRatio.toFixed(2)}x time, ${results.rssRatio.toFixed(2)}x peak RSS`,
    '',
  ].join('\n');
}

function formatMB(bytes) {
  return (bytes / 1e6).toFixed(1);
}

function round(value, digits) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`pull-traces-bench: ${error.message}\n`);
    process.exitCode = error instanceof BenchError ? error.exitCode : 1;
  },
);
