#!/usr/bin/env node
// The eval gate as a CI step:
//   node dist/eval-gate/eval-gate.js --prompt v13 [--out eval-gate.md] [--results eval-results.json]
// exits 1 when an SLO is critical; SLACK_WEBHOOK_URL (optional) receives the violations. --results writes the
// run's metrics as {"metrics": {...}}, which the GitHub Action checks with eval-gate.slokit.yaml.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { SlokitError } from 'slokit';
import { evalResults } from './eval-results.js';
import { runEvalGate } from './run-eval-gate.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      prompt: { type: 'string', default: 'v12' },
      out: { type: 'string' },
      results: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const result = await runEvalGate({
    promptVersion: values.prompt,
    env: process.env,
    print: (text) => process.stdout.write(text),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
  });
  // For `$GITHUB_STEP_SUMMARY` or a pull-request comment.
  if (values.out) await writeFile(values.out, result.markdown);
  if (values.results) {
    const results = evalResults(result.report, `eval-gate prompt ${values.prompt}`, result.answers.length);
    await writeFile(values.results, `${JSON.stringify(results, null, 2)}\n`);
  }
  return result.exitCode;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`eval-gate: ${error instanceof Error ? error.message : String(error)}\n`);
    // A bad option or an unknown prompt version is a usage error (2), as in slokit.
    const usage =
      error instanceof RangeError || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
    process.exitCode = SlokitError.isInstance(error) ? error.exitCode : usage ? 2 : 70;
  },
);
