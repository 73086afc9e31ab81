#!/usr/bin/env node
// `npm run demo`: a week of a support bot through slokit, on local emulators, in seconds.
//   node dist/demo/run-demo.js [--quiet] [--out DIR]
// --quiet prints only where the report is; --out DIR writes the report, the transcript (demo-output.txt) and the
// outcome as JSON (demo-result.json) there, for tests and CI.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { runSupportBotDemo } from './support-bot-demo.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { quiet: { type: 'boolean', default: false }, out: { type: 'string' } },
  });
  const transcript: string[] = [];
  const print = (line: string) => {
    transcript.push(line);
    if (!values.quiet) process.stdout.write(`${line}\n`);
  };
  if (values.out) await mkdir(values.out, { recursive: true });
  const result = await runSupportBotDemo({
    print,
    color: !values.quiet && process.stdout.isTTY === true && !('NO_COLOR' in process.env),
    ...(values.out ? { reportFile: join(values.out, 'slo-report.html') } : {}),
  });
  print('');
  print(
    `(${result.cycles.toLocaleString('en-US')} sync cycles in ${(result.wallMs / 1000).toFixed(1)} s of wall-clock time)`,
  );
  if (values.out) {
    await writeFile(join(values.out, 'demo-output.txt'), `${transcript.join('\n')}\n`);
    await writeFile(join(values.out, 'demo-result.json'), `${JSON.stringify(result, null, 2)}\n`);
  }
  if (values.quiet) {
    const shown = relative(process.cwd(), result.reportFile);
    process.stdout.write(
      `slokit demo: ${result.cycles} sync cycles in ${(result.wallMs / 1000).toFixed(1)} s; report: ${shown.startsWith('..') ? result.reportFile : shown}\n`,
    );
  }
  for (const failure of result.failures) process.stderr.write(`slokit demo: ${failure}\n`);
  return result.failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `slokit demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
