// Pulls N calls (default 100,000) from the Weave emulator three ways, alternating, each in a fresh process:
//   - the @slokit/weave source (pages of 1000 calls, each streamed and mapped line by line),
//   - the floor: one /calls/stream_query request split into lines and JSON.parse'd, nothing kept,
//   - the weave npm SDK's client.getCalls() into an array, as an SDK user reads calls;
// and again at N/10, to show whether peak RSS grows with the call count. Reports calls/s (read time, medians)
// and peak RSS (process.resourceUsage().maxRSS, written at exit by bench/max-rss.mjs preloaded with --import).
//
//   node bench/pull-calls-bench.mjs [--json]        (npm run bench in packages/weave; build first)
//
// Environment: SLOKIT_BENCH_RECORDS (calls, default 100000), SLOKIT_BENCH_RUNS (default 3). Progress goes to
// stderr on a TTY only. Exit 0 when every reader read every call; 1 otherwise.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const calls = Number(process.env.SLOKIT_BENCH_RECORDS || 100_000);
const runs = Number(process.env.SLOKIT_BENCH_RUNS || 3);
const small = Math.max(1, Math.round(calls / 10));
const json = process.argv.includes('--json');
const verbose = Boolean(process.stderr.isTTY) && !process.env.CI;
const progress = (text) => {
  if (verbose) process.stderr.write(`${text}\n`);
};

const readers = [
  { key: 'slokit', label: '@slokit/weave source', script: here('./read-slokit.mjs') },
  { key: 'floor', label: 'stream_query + JSON.parse (floor)', script: here('./read-raw-stream.mjs') },
  { key: 'sdk', label: 'weave SDK getCalls() array', script: here('./read-weave-sdk.mjs') },
];

if (!Number.isInteger(calls) || calls < 10 || !Number.isInteger(runs) || runs < 1) {
  process.stderr.write('SLOKIT_BENCH_RECORDS must be a whole number ≥ 10 and SLOKIT_BENCH_RUNS ≥ 1\n');
  process.exit(2);
}
if (!existsSync(here('../dist/index.js'))) {
  process.stderr.write(
    'packages/weave/dist is missing: build first (npx turbo run build --filter=@slokit/weave...)\n',
  );
  process.exit(2);
}

progress(
  `seeding the emulator with ${small.toLocaleString('en-US')} and ${calls.toLocaleString('en-US')} calls…`,
);
const emulator = spawn(process.execPath, [here('./emulator-process.mjs')], {
  env: { ...process.env, BENCH_COUNTS: `${small},${calls}` },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const server = await new Promise((resolve, reject) => {
  emulator.once('exit', (code) => reject(new Error(`the emulator exited with ${code}`)));
  createInterface({ input: emulator.stdout }).once('line', (line) => resolve(JSON.parse(line)));
});

const tempDir = await mkdtemp(join(tmpdir(), 'slokit-weave-bench-'));

function pull(reader, count, run) {
  const rssFile = join(tempDir, `${reader.key}-${count}-${run}.rss`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', here('./max-rss.mjs'), reader.script, String(count)], {
      cwd: tempDir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: tempDir,
        WF_TRACE_SERVER_URL: server.url,
        WANDB_API_KEY: server.apiKey,
        SLOKIT_BENCH_RSS_FILE: rssFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', async (code) => {
      const wall = (performance.now() - started) / 1000;
      const last = stdout.trim().split('\n').at(-1) ?? '';
      try {
        if (code !== 0) throw new Error(`exit ${code}: ${stderr.trim()}`);
        const result = JSON.parse(last);
        if (result.calls !== count) throw new Error(`read ${result.calls} calls, expected ${count}`);
        const rssKb = Number((await readFile(rssFile, 'utf8')).trim());
        resolve({ seconds: result.seconds, wall, rssMb: rssKb / 1024 });
      } catch (error) {
        reject(new Error(`${reader.label} at ${count} calls failed: ${error.message}`));
      }
    });
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const results = {};
let failed = false;
try {
  for (const count of [small, calls]) {
    const samples = Object.fromEntries(readers.map((reader) => [reader.key, []]));
    // Unmeasured: the emulator serializes each call once and then serves it from memory, for every reader alike.
    progress(`${count.toLocaleString('en-US')} calls: warming the emulator up`);
    await pull(readers[1], count, 0);
    for (let run = 1; run <= runs; run++) {
      for (const reader of readers) {
        progress(`${count.toLocaleString('en-US')} calls, run ${run}/${runs}: ${reader.label}`);
        const sample = await pull(reader, count, run);
        samples[reader.key].push(sample);
        progress(`  ${sample.seconds.toFixed(2)} s, ${sample.rssMb.toFixed(0)} MB peak RSS`);
      }
    }
    results[count] = Object.fromEntries(
      readers.map((reader) => {
        const list = samples[reader.key];
        const seconds = median(list.map((sample) => sample.seconds));
        return [
          reader.key,
          {
            seconds,
            callsPerSecond: count / seconds,
            wallSeconds: median(list.map((sample) => sample.wall)),
            peakRssMb: median(list.map((sample) => sample.rssMb)),
          },
        ];
      }),
    );
  }
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  failed = true;
} finally {
  emulator.kill('SIGTERM');
  await rm(tempDir, { recursive: true, force: true });
}
if (failed) process.exit(1);

const large = results[calls];
const little = results[small];
const summary = {
  calls,
  runs,
  node: process.version,
  results,
  slokitTimeOverFloor: large.slokit.seconds / large.floor.seconds,
  sdkTimeOverFloor: large.sdk.seconds / large.floor.seconds,
  rssGrowthMb: Object.fromEntries(
    readers.map((reader) => [reader.key, large[reader.key].peakRssMb - little[reader.key].peakRssMb]),
  ),
};

if (json) {
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
} else {
  const lines = [
    `Pulling support-bot calls from the Weave emulator (Node ${process.version}, median of ${runs} runs; calls/s over read time)`,
    '',
    '| reader | calls | calls/s | read s | peak RSS |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const count of [small, calls]) {
    for (const reader of readers) {
      const result = results[count][reader.key];
      lines.push(
        `| ${reader.label} | ${count.toLocaleString('en-US')} | ${Math.round(result.callsPerSecond).toLocaleString('en-US')} | ${result.seconds.toFixed(2)} | ${result.peakRssMb.toFixed(0)} MB |`,
      );
    }
  }
  lines.push(
    '',
    `@slokit/weave takes ${summary.slokitTimeOverFloor.toFixed(2)}× the floor's time at ${calls.toLocaleString('en-US')} calls (the SDK array ${summary.sdkTimeOverFloor.toFixed(2)}×).`,
    `Peak RSS from ${small.toLocaleString('en-US')} to ${calls.toLocaleString('en-US')} calls: ${readers
      .map(
        (reader) =>
          `${reader.label} ${summary.rssGrowthMb[reader.key] >= 0 ? '+' : ''}${summary.rssGrowthMb[reader.key].toFixed(0)} MB`,
      )
      .join(', ')}.`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}
