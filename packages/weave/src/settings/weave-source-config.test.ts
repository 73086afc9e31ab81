import { ConfigError } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import { resolveWeaveSettings } from './weave-source-config.js';
import { callUrl, weaveUrls } from './weave-urls.js';

const env = { WANDB_API_KEY: 'key-0123456789' };
const context = { baseDir: '/app', configFile: '/app/slokit.yaml', env };

function problems(config: unknown, environment: Record<string, string | undefined> = env) {
  try {
    resolveWeaveSettings('evals', config, { ...context, env: environment });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('resolveWeaveSettings', () => {
  it('reads an evaluations source with defaults', () => {
    const settings = resolveWeaveSettings(
      'evals',
      { type: 'weave', project: 'my-team/support-bot', evaluations: 'latest' },
      context,
    );
    expect(settings).toEqual({
      name: 'evals',
      projectId: 'my-team/support-bot',
      target: { kind: 'evaluations', selector: 'latest' },
      urls: { traceServer: 'https://trace.wandb.ai', app: 'https://wandb.ai' },
      apiKey: 'key-0123456789',
      apiKeyVariable: 'WANDB_API_KEY',
      recordId: undefined,
      pageSize: 1000,
      overlapMs: 60_000,
      includeFeedback: true,
      includeCosts: true,
      timeoutMs: 60_000,
    });
  });

  it('reads ops, an evaluation name and the options', () => {
    const ops = resolveWeaveSettings(
      'prod',
      {
        type: 'weave',
        project: 'acme/bot',
        ops: ['answer_question'],
        host: 'https://wandb.acme.com',
        pageSize: 200,
        overlap: '5m',
        feedback: false,
        costs: false,
        timeout: '10s',
        recordId: 'attributes.request_id',
      },
      context,
    );
    expect(ops).toMatchObject({
      target: { kind: 'ops', ops: ['answer_question'] },
      urls: { traceServer: 'https://wandb.acme.com/traces', app: 'https://wandb.acme.com' },
      pageSize: 200,
      overlapMs: 300_000,
      includeFeedback: false,
      includeCosts: false,
      timeoutMs: 10_000,
      recordId: 'attributes.request_id',
    });
    const named = resolveWeaveSettings(
      'evals',
      { type: 'weave', project: 'acme/bot', evaluations: 'support-eval' },
      context,
    );
    expect(named.target).toEqual({ kind: 'evaluations', selector: { name: 'support-eval' } });
  });

  it('names the config path of every mistake', () => {
    expect(problems({ type: 'weave', project: 'support-bot', evaluations: 'latest' })).toEqual([
      { path: 'sources.evals.project', message: 'expected entity/project, such as my-team/support-bot' },
    ]);
    expect(problems({ type: 'weave', project: 'a/b' })[0]?.message).toContain('expected `ops`');
    expect(problems({ type: 'weave', project: 'a/b', ops: ['x'], evaluations: 'latest' })[0]).toMatchObject({
      path: 'sources.evals.ops',
    });
    expect(problems({ type: 'weave', project: 'a/b', ops: [] })[0]?.path).toBe('sources.evals.ops');
    expect(problems({ type: 'weave', project: 'a/b', ops: ['x'], overlap: 'soon' })[0]?.path).toBe(
      'sources.evals.overlap',
    );
    expect(problems({ type: 'weave', project: 'a/b', ops: ['x'], recordId: 'output.id' })[0]?.path).toBe(
      'sources.evals.recordId',
    );
    expect(problems({ type: 'weave', project: 'a/b', ops: ['x'], projct: 'typo' })[0]?.message).toContain(
      'projct',
    );
  });

  it('needs WANDB_API_KEY, and says so', () => {
    expect(problems({ type: 'weave', project: 'a/b', ops: ['x'] }, {})).toEqual([
      {
        path: 'sources.evals',
        message: expect.stringMatching(
          /^environment variable WANDB_API_KEY is not set \(the W&B API key weave source 'evals' reads a\/b with/,
        ),
      },
    ]);
  });
});

describe('weaveUrls', () => {
  it('uses WF_TRACE_SERVER_URL verbatim, then a self-managed host with /traces, then the cloud', () => {
    expect(weaveUrls(undefined, {})).toEqual({
      traceServer: 'https://trace.wandb.ai',
      app: 'https://wandb.ai',
    });
    expect(weaveUrls(undefined, { WF_TRACE_SERVER_URL: 'http://127.0.0.1:9000' })).toEqual({
      traceServer: 'http://127.0.0.1:9000',
      app: 'http://127.0.0.1:9000',
    });
    expect(weaveUrls(undefined, { WANDB_BASE_URL: 'https://wandb.corp.example/' })).toEqual({
      traceServer: 'https://wandb.corp.example/traces',
      app: 'https://wandb.corp.example',
    });
    expect(
      weaveUrls('https://wandb.corp.example', { WF_TRACE_SERVER_URL: 'https://proxy.corp.example/traces' }),
    ).toEqual({
      traceServer: 'https://proxy.corp.example/traces',
      app: 'https://wandb.corp.example',
    });
    expect(weaveUrls(undefined, { WANDB_BASE_URL: 'https://api.wandb.ai' })).toEqual({
      traceServer: 'https://trace.wandb.ai',
      app: 'https://wandb.ai',
    });
  });

  it('links to calls as the SDKs print them', () => {
    expect(
      callUrl({ traceServer: 'https://trace.wandb.ai', app: 'https://wandb.ai' }, 'acme/bot', 'c1'),
    ).toBe('https://wandb.ai/acme/bot/r/call/c1');
  });
});
