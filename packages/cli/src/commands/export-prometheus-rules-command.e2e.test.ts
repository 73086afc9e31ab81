import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runSlokit, writeProject } from '../test-support/run-slokit.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const cliEntry = pathToFileURL(fileURLToPath(new URL('../../dist/index.js', import.meta.url))).href;

/** Debian's promtool and amtool (the `prometheus` and `prometheus-alertmanager` packages). */
function run(tool: string, args: string[], cwd?: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(tool, args, { cwd, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, output: `${stdout}${stderr}` });
    });
  });
}

function promtoolCheckRules(file: string) {
  return run('/usr/bin/promtool', ['check', 'rules', file]);
}

/** The config files the repository ships as examples. */
async function exampleConfigs(): Promise<string[]> {
  const configs = [
    'examples/quickstart/slokit.yaml',
    'apps/example/slokit.config.ts',
    'apps/example/eval-gate.slokit.yaml',
    'packages/cli/fixtures/basic/slokit.yaml',
    'packages/cli/fixtures/results/slokit.yaml',
  ];
  for (const name of await readdir(join(root, 'packages'))) {
    const examples = join(root, 'packages', name, 'examples');
    if (!existsSync(examples)) continue;
    for (const entry of await readdir(examples, { recursive: true })) {
      if (/\.(ya?ml|json|ts)$/.test(entry)) configs.push(relative(root, join(examples, entry)));
    }
  }
  return configs;
}

interface Snippet {
  origin: string;
  fileName: string;
  text: string;
}

/** Whole configs shown in the READMEs: YAML with `sources:` and `slos:`, and `export default defineConfig(...)`. */
async function readmeSnippets(): Promise<Snippet[]> {
  const readmes = ['README.md', 'apps/example/README.md'];
  for (const name of await readdir(join(root, 'packages'))) readmes.push(`packages/${name}/README.md`);
  const snippets: Snippet[] = [];
  for (const readme of readmes.filter((path) => existsSync(join(root, path)))) {
    const text = await readFile(join(root, readme), 'utf8');
    for (const match of text.matchAll(/```(yaml|yml|ts)\n([\s\S]*?)```/g)) {
      const [, language, body] = match as unknown as [string, string, string];
      const line = text.slice(0, match.index).split('\n').length;
      const origin = `${readme}:${line}`;
      if (language !== 'ts' && /^sources:/m.test(body) && /^slos:/m.test(body)) {
        snippets.push({ origin, fileName: 'slokit.yaml', text: body });
      } else if (language === 'ts' && body.includes('export default defineConfig')) {
        // A temporary folder cannot resolve the package `slokit`: point the import at the built CLI.
        snippets.push({
          origin,
          fileName: 'slokit.config.ts',
          text: body.replace(`from 'slokit'`, `from '${cliEntry}'`),
        });
      }
    }
  }
  return snippets;
}

/** A folder holding the snippet and empty stand-ins for the files its file sources name. */
async function snippetProject(snippet: Snippet): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'slokit-snippet-'));
  await writeFile(join(folder, snippet.fileName), snippet.text);
  for (const match of snippet.text.matchAll(/\b(path|summary)\s*:\s*['"]?(\.\/[^'"\s,}]+)/g)) {
    const file = join(folder, match[2]!);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, match[1] === 'summary' || file.endsWith('.json') ? '{"metrics": {}}' : '');
  }
  return folder;
}

async function expectValidRules(cwd: string, config: string) {
  const out = join(await mkdtemp(join(tmpdir(), 'slokit-rules-')), 'rules.yaml');
  const run = await runSlokit(['export', 'prometheus-rules', '--config', config, '--out', out], { cwd });
  expect(run.stderr).toMatch(/Rules for [1-9]\d* SLO\(s\) written to/);
  expect(run.code).toBe(0);
  const check = await promtoolCheckRules(out);
  expect(check.output).toMatch(/SUCCESS: [1-9]\d* rules found/);
  expect(check.code).toBe(0);
}

describe('slokit export prometheus-rules', () => {
  it('exports rules promtool accepts for every example config in the repository', async () => {
    const configs = await exampleConfigs();
    expect(configs.length).toBeGreaterThanOrEqual(5);
    for (const config of configs) await expectValidRules(root, config);
  }, 600_000);

  it('exports rules promtool accepts for every config the READMEs show', async () => {
    const snippets = await readmeSnippets();
    // Today: the config reference and the shorthand in README.md, its TypeScript config, and the three trackers'.
    expect(snippets.length).toBeGreaterThanOrEqual(6);
    expect(snippets.some((snippet) => snippet.fileName === 'slokit.config.ts')).toBe(true);
    for (const snippet of snippets) {
      const folder = await snippetProject(snippet);
      await expect(expectValidRules(folder, snippet.fileName), snippet.origin).resolves.toBeUndefined();
    }
  }, 600_000);

  it("the README's prometheus.yml and alertmanager.yml pass promtool and amtool with the exported rules", async () => {
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Prometheus and Alertmanager'));
    const [prometheus, alertmanager] = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map(
      (match) => match[1]!,
    );
    const folder = await mkdtemp(join(tmpdir(), 'slokit-prometheus-'));
    await writeFile(join(folder, 'prometheus.yml'), prometheus!);
    await writeFile(join(folder, 'alertmanager.yml'), alertmanager!);
    const exported = await runSlokit(
      [
        'export',
        'prometheus-rules',
        '--config',
        join(root, 'examples/quickstart/slokit.yaml'),
        '--out',
        'slokit-rules.yaml',
      ],
      { cwd: folder },
    );
    expect(exported.code).toBe(0);
    const config = await run('/usr/bin/promtool', ['check', 'config', 'prometheus.yml'], folder);
    expect(config.output).toContain('SUCCESS: 1 rule files found');
    expect(config.output).toMatch(/SUCCESS: [1-9]\d* rules found/);
    expect(config.code).toBe(0);
    const routing = await run('/usr/bin/amtool', ['check-config', 'alertmanager.yml'], folder);
    expect(routing.output).toContain('1 inhibit rules');
    expect(routing.code).toBe(0);
  });

  it('prints the rules on stdout and what gets no alerts on stderr', async () => {
    const run = await runSlokit(
      ['export', 'prometheus-rules', '--config', 'examples/quickstart/slokit.yaml'],
      {
        cwd: root,
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# Prometheus rules generated by `slokit export prometheus-rules`/);
    expect(run.stdout).toContain('- alert: SlokitErrorBudgetBurn');
    expect(run.stderr).toContain(
      "note: SLO 'accuracy': recording rules only, no burn-rate alerts: it has no window of a day or more, so no error budget",
    );
  });

  it('names the file and the label when an SLO label cannot become a Prometheus label (exit 2)', async () => {
    const cwd = await writeProject({
      'slokit.yaml': [
        'version: 1',
        'sources: { prod: { type: memory } }',
        'slos:',
        '  - name: availability',
        '    sli: { ratio: { good: { field: status, equals: success } } }',
        '    objective: { target: 0.99 }',
        '    window: 30d',
        '    labels: { severity: high }',
        '',
      ].join('\n'),
    });
    const run = await runSlokit(['export', 'prometheus-rules'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "slokit.yaml: slos[0].labels.severity: 'severity' is a label the Prometheus rules set themselves; rename it",
    );
    expect(hasStackTrace(run)).toBe(false);
    expect(run.stdout).toBe('');
  });
});
