import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@slokit/core/internal';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slokit-load-config-'));
});

const yaml = `version: 1
sources:
  prod:
    type: file
    path: ./records.jsonl
slos:
  - name: p95-latency
    sli: { metric: latency_ms, aggregate: p95 }
    objective: { target: 2000 }
`;

async function messageOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as Error).message;
}

describe('loadConfig', () => {
  it('finds slokit.yaml in the working directory and resolves paths against it', async () => {
    const project = join(dir, 'yaml-project');
    await mkdir(project);
    await writeFile(join(project, 'slokit.yaml'), yaml);
    const config = await loadConfig(undefined, { cwd: project });
    expect(config.file).toBe('slokit.yaml');
    expect(config.baseDir).toBe(project);
    expect(config.slos[0]?.objective.op).toBe('lte');
  });

  it('loads slokit.config.ts written with defineConfig', async () => {
    const project = join(dir, 'ts-project');
    await mkdir(project);
    // The built core, as a user's config imports it (transpiling core's sources here would be slow on a busy machine).
    const core = new URL('../../../core/dist/index.js', import.meta.url).pathname;
    await writeFile(
      join(project, 'slokit.config.ts'),
      `import { defineConfig } from ${JSON.stringify(core)};
const target: number = 0.9;
export default defineConfig({
  sources: { prod: { type: 'file', path: './records.jsonl' } },
  slos: [{ name: 'accuracy', sli: { metric: 'scores.accuracy', aggregate: 'mean' }, objective: { op: 'gte', target } }],
});
`,
    );
    const config = await loadConfig(undefined, { cwd: project });
    expect(config.file).toBe('slokit.config.ts');
    expect(config.slos[0]).toMatchObject({ name: 'accuracy', objective: { op: 'gte', target: 0.9 } });
  });

  it('interpolates environment variables in a TypeScript config too', async () => {
    const project = join(dir, 'ts-env-project');
    await mkdir(project);
    await writeFile(
      join(project, 'slokit.config.ts'),
      [
        'export default {',
        "  sources: { prod: { type: 'langsmith', project: '$" + "{LANGSMITH_PROJECT:-support-bot}' } },",
        "  slos: [{ name: 'p95', sli: { metric: 'latency_ms', aggregate: 'p95' }, objective: { target: 2000 }, runbook: '$" +
          "{RUNBOOK_URL}' }],",
        '};',
      ].join('\n'),
    );
    const config = await loadConfig(undefined, { cwd: project, env: { RUNBOOK_URL: 'https://wiki/p95' } });
    expect(config.sources.prod).toEqual({ type: 'langsmith', project: 'support-bot' });
    expect(config.slos[0]?.runbook).toBe('https://wiki/p95');
    expect(await messageOf(loadConfig(undefined, { cwd: project, env: {} }))).toBe(
      'slokit.config.ts: slos[0].runbook: environment variable RUNBOOK_URL is not set',
    );
  });

  it('loads JSON and interpolates environment variables', async () => {
    // biome-ignore-start lint/suspicious/noTemplateCurlyInString: ${VAR} is the config syntax under test
    const file = join(dir, 'env.json');
    await writeFile(
      file,
      JSON.stringify({
        sources: { prod: { type: 'file', path: '${DATA_DIR}/records.jsonl' } },
        slos: [
          {
            name: 'a',
            sli: { metric: 'latency_ms', aggregate: 'p95' },
            objective: { target: 1 },
            runbook: '${RUNBOOK:-https://wiki/x}',
          },
        ],
      }),
    );
    // biome-ignore-end lint/suspicious/noTemplateCurlyInString: end of the config under test
    const config = await loadConfig(file, { env: { DATA_DIR: '/data' } });
    expect(config.sources.prod).toEqual({ type: 'file', path: '/data/records.jsonl' });
    expect(config.slos[0]?.runbook).toBe('https://wiki/x');
    expect(await messageOf(loadConfig(file, { env: {} }))).toBe(
      `${file}: sources.prod.path: environment variable DATA_DIR is not set`,
    );
  });

  it('names the file and the path of a bad value', async () => {
    await writeFile(
      join(dir, 'bad.yaml'),
      yaml.replace('target: 2000', 'target: 2000, warning: 1000, op: lte'),
    );
    expect(await messageOf(loadConfig('bad.yaml', { cwd: dir }))).toBe(
      'bad.yaml: slos[0].objective.warning: expected >= target 2000 for op lte (target <= warning <= critical), found 1000',
    );
  });

  it('reports broken YAML with its line, and missing files', async () => {
    await writeFile(join(dir, 'broken.yaml'), 'sources:\n  prod: [\n');
    expect(await messageOf(loadConfig('broken.yaml', { cwd: dir }))).toMatch(
      /^broken\.yaml: not valid YAML at line \d+/,
    );
    expect(await messageOf(loadConfig('nope.yaml', { cwd: dir }))).toBe('config file not found: nope.yaml');
    expect(
      await messageOf(
        loadConfig(undefined, { cwd: join(dir, 'yaml-project', '..', 'nowhere-'.concat('x')) }),
      ),
    ).toMatch(/no config file found in .*run `slokit init` or pass --config/);
    await writeFile(join(dir, 'list.yaml'), '- a\n- b\n');
    expect(await messageOf(loadConfig('list.yaml', { cwd: dir }))).toBe(
      'list.yaml: expected a mapping with `sources` and `slos`',
    );
  });
});
