import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, loadConfig } from 'slokit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runEvalGate } from './run-eval-gate.js';

const app = fileURLToPath(new URL('../../', import.meta.url));
const script = join(app, 'dist/eval-gate/eval-gate.js');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slokit-eval-gate-workflow-'));
  await copyFile(join(app, 'eval-gate.slokit.yaml'), join(dir, 'eval-gate.slokit.yaml'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function evalRun(prompt: string): Promise<number> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script, '--prompt', prompt, '--results', join(dir, 'eval-results.json')],
      { env: { PATH: process.env.PATH ?? '' } },
      (error) => resolve(error ? ((error as { code?: number }).code ?? 1) : 0),
    );
  });
}

interface WorkflowStep {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  'working-directory'?: string;
  with?: Record<string, string | boolean>;
}

describe('the eval gate in GitHub Actions (workflows/eval-gate.yml)', () => {
  it('writes results that eval-gate.slokit.yaml checks to the statuses of the in-code gate', async () => {
    for (const prompt of ['v12', 'v13']) {
      await evalRun(prompt);
      const results = JSON.parse(await readFile(join(dir, 'eval-results.json'), 'utf8'));
      expect(results).toMatchObject({ name: `eval-gate prompt ${prompt}`, samples: 40 });
      const fromFile = await check(await loadConfig(join(dir, 'eval-gate.slokit.yaml')));
      const inCode = await runEvalGate({ promptVersion: prompt, env: {} });
      expect(fromFile.slos.map((slo) => [slo.name, slo.status, slo.value])).toEqual(
        inCode.report.slos.map((slo) => [slo.name, slo.status, results.metrics[slo.name]]),
      );
    }
  });

  it('runs the eval, then the action on its results with a pull-request comment', async () => {
    const workflow = parse(await readFile(join(app, 'workflows/eval-gate.yml'), 'utf8')) as {
      on: Record<string, unknown>;
      permissions: Record<string, string>;
      jobs: Record<string, { steps: WorkflowStep[] }>;
    };
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions['pull-requests']).toBe('write');
    const steps = workflow.jobs['eval-gate']!.steps;
    const evalStep = steps.find((step) => step.name === 'Eval run')!;
    const gate = steps.find((step) => step.uses === 'slokit/slokit@v1')!;
    expect(steps.indexOf(gate)).toBeGreaterThan(steps.indexOf(evalStep));
    expect(evalStep['working-directory']).toBe('apps/example');
    expect(evalStep.run).toContain('--results eval-results.json');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    expect(gate.if).toBe('${{ !cancelled() }}');
    expect(gate.with).toEqual({
      'working-directory': 'apps/example',
      config: 'eval-gate.slokit.yaml',
      'fail-on': 'critical',
      comment: true,
    });
    // The action's config reads the file the eval step writes.
    const config = await loadConfig(join(app, 'eval-gate.slokit.yaml'), { env: {} });
    expect(config.sources['eval-run']).toEqual({ type: 'file', path: './eval-results.json' });
  });
});
