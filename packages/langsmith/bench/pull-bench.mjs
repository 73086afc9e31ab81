// Pulls N runs (default 100,000) from the LangSmith emulator, through @slokit/langsmith and through the SDK's
// plain listRuns loop into an array, alternating, in fresh processes; reports runs/s and peak RSS (medians), and
// both again at N/10 to show how memory grows with the run count. Set SLOKIT_BENCH_RECORDS and SLOKIT_BENCH_RUNS.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const records = Number(process.env.SLOKIT_BENCH_RECORDS ?? 100_000);
const rounds = Number(process.env.SLOKIT_BENCH_RUNS ?? 3);
const small = Math.max(1, Math.round(records / 10));
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const verbose = process.stderr.isTTY;
const progress = (text) => verbose && process.stderr.write(`${text}\n`);

const readers = {
  slokit: {
    label: '@slokit/langsmith (v2 query, narrow selects, streamed)',
    script: here('./pull-slokit.mjs'),
  },
  listRuns: { label: 'SDK listRuns() into an array (baseline)', script: here('./pull-sdk-list-runs.mjs') },
};

progress(
  `seeding the emulator with ${small.toLocaleString('en-US')} and ${records.toLocaleString('en-US')} runs…`,
);
const emulator = spawn(process.execPath, [here('./emulator-process.mjs')], {
  env: { ...process.env, BENCH_COUNTS: `${small},${records}` },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const { url, apiKey } = await new Promise((resolve, reject) => {
  emulator.once('exit', (code) => reject(new Error(`the emulator exited with ${code}`)));
  createInterface({ input: emulator.stdout }).once('line', (line) => resolve(JSON.parse(line)));
});

function pull(reader, count) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', here('./max-rss.mjs'), reader.script, `bench-${count}`],
      {
        env: { ...process.env, LANGSMITH_ENDPOINT: url, LANGSMITH_API_KEY: apiKey },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code) => {
      const rss = /\{"maxRssKb":(\d+)\}/.exec(stderr);
      if (code !== 0 || !rss) {
        reject(new Error(`${reader.script} failed (${code}): ${stderr}`));
        return;
      }
      resolve({ ...JSON.parse(stdout), maxRssMb: Number(rss[1]) / 1024 });
    });
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const results = {};
try {
  for (const count of [small, records]) {
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? ['slokit', 'listRuns'] : ['listRuns', 'slokit'];
      for (const name of order) {
        const result = await pull(readers[name], count);
        if (result.records !== count) throw new Error(`${name} read ${result.records} of ${count} runs`);
        const key = `${name}/${count}`;
        results[key] = [...(results[key] ?? []), result];
        progress(`${name} ${count}: ${result.seconds.toFixed(2)} s, ${result.maxRssMb.toFixed(0)} MB`);
      }
    }
    const [mine, theirs] = [results[`slokit/${count}`], results[`listRuns/${count}`]];
    if (mine[0].checksum !== theirs[0].checksum)
      throw new Error('the two readers disagree on the latencies read');
  }
} finally {
  emulator.kill();
}

const summary = (name, count) => {
  const runs = results[`${name}/${count}`];
  const seconds = median(runs.map((run) => run.seconds));
  return { seconds, perSecond: count / seconds, rss: median(runs.map((run) => run.maxRssMb)) };
};
const format = (value, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const lines = [
  `Pulling runs from the LangSmith emulator (page size 100), median of ${rounds} alternating runs each, Node ${process.versions.node}:`,
  '',
  '| reader | runs | wall | runs/s | peak RSS |',
  '| --- | ---: | ---: | ---: | ---: |',
];
for (const count of [small, records]) {
  for (const name of ['listRuns', 'slokit']) {
    const { seconds, perSecond, rss } = summary(name, count);
    lines.push(
      `| ${readers[name].label} | ${format(count)} | ${format(seconds, 2)} s | ${format(perSecond)} | ${format(rss)} MB |`,
    );
  }
}
const mine = summary('slokit', records);
const theirs = summary('listRuns', records);
lines.push(
  '',
  `At ${format(records)} runs: @slokit/langsmith is ${format(mine.perSecond / theirs.perSecond, 2)}× the runs/s of listRuns, ` +
    `with ${format(mine.rss / theirs.rss, 2)}× its peak RSS.`,
  `From ${format(small)} to ${format(records)} runs, peak RSS grows ${format(mine.rss - summary('slokit', small).rss)} MB ` +
    `for @slokit/langsmith and ${format(theirs.rss - summary('listRuns', small).rss)} MB for listRuns.`,
);
process.stdout.write(`${lines.join('\n')}\n`);
