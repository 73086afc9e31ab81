import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../usage-error.js';

export const starterConfig = `# slokit config: quality SLOs for an LLM app. Reference: https://github.com/slokit/slokit#config-reference
version: 1

sources:
  prod:
    type: file                    # later: langsmith | mlflow | weave
    path: ./data/records.jsonl    # JSONL or CSV export of runs; relative to this file

slos:
  - name: accuracy
    description: Share of answers judged correct
    sli: { metric: scores.accuracy, aggregate: mean }
    objective: { op: gte, target: 0.90, warning: 0.85, critical: 0.75 }
    window: 1h

  - name: p95-latency
    sli: { metric: latency_ms, aggregate: p95 }
    objective: { op: lte, target: 2000, warning: 3000, critical: 5000 }
    window: 1h

  - name: availability
    sli: { ratio: { good: { field: status, equals: success } } }
    objective: { op: gte, target: 0.995 }
    window: 30d

  - name: cost-per-query
    sli: { metric: cost_usd, aggregate: mean }
    objective: { op: lte, target: 0.05, critical: 0.08 }
    window: 1d
`;

export function registerInitCommand(program: Command, io: CliIo): void {
  program
    .command('init')
    .description('write a starter slokit.yaml with a few SLOs')
    .option('-c, --config <file>', 'where to write it', 'slokit.yaml')
    .option('-f, --force', 'overwrite an existing file')
    .action(async (options: { config: string; force?: boolean }) => {
      const path = resolve(io.cwd, options.config);
      try {
        await writeFile(path, starterConfig, { flag: options.force ? 'w' : 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new UsageError(`${options.config} already exists; pass --force to overwrite it`);
        }
        throw new UsageError(`cannot write ${options.config}: ${(error as Error).message}`);
      }
      io.stdout(`Wrote ${options.config}. Point sources.prod.path at your records, then run: slokit check\n`);
    });
}
