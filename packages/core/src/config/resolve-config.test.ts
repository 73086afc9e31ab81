import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError } from '../errors/config-error.js';
import { resolveConfig } from './resolve-config.js';

const specYaml = `
version: 1
sources:
  prod:
    type: file
    path: ./data/records.jsonl
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
  - name: fast-answers
    sli: { ratio: { good: { field: latency_ms, lte: 3000 } } }
    objective: { op: gte, target: 0.95, warning: 0.90 }
  - name: cost-per-query
    sli: { metric: cost_usd, aggregate: mean }
    objective: { op: lte, target: 0.05, critical: 0.08 }
    runbook: https://wiki.example.com/runbooks/llm-cost
`;

function problemsOf(raw: unknown): string[] {
  try {
    resolveConfig(raw, { file: 'slokit.yaml', baseDir: '/tmp' });
  } catch (error) {
    if (error instanceof ConfigError)
      return error.problems.map((problem) => `${problem.path}: ${problem.message}`);
    throw error;
  }
  return [];
}

function withSlo(slo: Record<string, unknown>) {
  return { version: 1, sources: { prod: { type: 'file', path: 'x.jsonl' } }, slos: [slo] };
}

describe('resolveConfig', () => {
  it('accepts the documented YAML exactly as written', () => {
    const config = resolveConfig(parse(specYaml), { file: 'slokit.yaml', baseDir: '/project' });
    expect(config.slos.map((slo) => slo.name)).toEqual([
      'accuracy',
      'p95-latency',
      'availability',
      'fast-answers',
      'cost-per-query',
    ]);
    const [accuracy, latency, availability, fast, cost] = config.slos;
    expect(accuracy).toMatchObject({ source: 'prod', windowMs: 3_600_000, unit: 'percent', minSamples: 1 });
    expect(latency?.sli).toEqual({ kind: 'metric', metric: 'latency_ms', aggregate: 'p95', quantile: 0.95 });
    expect(latency?.unit).toBe('ms');
    expect(availability?.sli).toEqual({ kind: 'ratio', good: { field: 'status', equals: 'success' } });
    expect(fast?.window).toBeUndefined();
    expect(cost).toMatchObject({ unit: 'usd', runbook: 'https://wiki.example.com/runbooks/llm-cost' });
    expect(config.slos.every((slo) => slo.opInferred === undefined)).toBe(true);
  });

  it('infers op from thresholds, then from what is measured, and says why', () => {
    const config = resolveConfig(
      {
        sources: { prod: { type: 'file', path: 'x.jsonl' } },
        slos: [
          { name: 'a', sli: { metric: 'scores.helpfulness', aggregate: 'mean' }, objective: { target: 0.8 } },
          { name: 'b', sli: { metric: 'latency_ms', aggregate: 'p99' }, objective: { target: 3000 } },
          { name: 'c', sli: { metric: 'scores.x', aggregate: 'mean' }, objective: { target: 5, warning: 7 } },
          {
            name: 'd',
            sli: { ratio: { good: { field: 'status', equals: 'success' } } },
            objective: { target: 0.99 },
          },
          { name: 'e', sli: { metric: 'tokens.total', aggregate: 'mean' }, objective: { target: 2000 } },
          { name: 'f', sli: { metric: 'cost_usd', aggregate: 'sum' }, objective: { target: 10 } },
        ],
      },
      { baseDir: '/tmp' },
    );
    const ops = Object.fromEntries(config.slos.map((slo) => [slo.name, slo.objective.op]));
    expect(ops).toEqual({ a: 'gte', b: 'lte', c: 'lte', d: 'gte', e: 'lte', f: 'lte' });
    expect(config.slos[1]?.opInferred).toMatch(/lower-is-better/);
    expect(config.slos[2]?.opInferred).toMatch(/thresholds above the target/);
  });

  it('accepts the shorthand mapping of eval metrics', () => {
    const config = resolveConfig(
      {
        sources: { evals: { type: 'file', summary: 'summary.json' } },
        slos: {
          accuracy: { target: 0.9, warning: 0.85, critical: 0.75 },
          'latency/mean': { target: 2.5 },
          toxicity: { op: 'lt', target: 0.01 },
        },
      },
      { baseDir: '/tmp' },
    );
    expect(config.slos.map((slo) => [slo.name, slo.sli, slo.objective.op])).toEqual([
      ['accuracy', { kind: 'evalMetric', name: 'accuracy' }, 'gte'],
      ['latency/mean', { kind: 'evalMetric', name: 'latency/mean' }, 'lte'],
      ['toxicity', { kind: 'evalMetric', name: 'toxicity' }, 'lt'],
    ]);
  });

  it('rejects thresholds out of order for the direction, naming the path', () => {
    expect(
      problemsOf(
        withSlo({
          name: 'a',
          sli: { metric: 'm', aggregate: 'mean' },
          objective: { op: 'gte', target: 0.9, warning: 0.95 },
        }),
      ),
    ).toEqual([
      'slos[0].objective.warning: expected <= target 0.9 for op gte (target >= warning >= critical), found 0.95',
    ]);
    expect(
      problemsOf(
        withSlo({
          name: 'a',
          sli: { metric: 'm', aggregate: 'p95' },
          objective: { op: 'lte', target: 2000, warning: 3000, critical: 2500 },
        }),
      ),
    ).toEqual([
      'slos[0].objective.critical: expected >= warning 3000 for op lte (target <= warning <= critical), found 2500',
    ]);
    expect(
      problemsOf(
        withSlo({
          name: 'a',
          sli: { metric: 'm', aggregate: 'mean' },
          objective: { target: 0.9, warning: 0.8, critical: 0.95 },
        }),
      ),
    ).toEqual([
      'slos[0].objective.op: warning and critical lie on both sides of the target; set `op` (gte, gt, lte or lt)',
    ]);
  });

  it('names the field and what was expected for bad values', () => {
    expect(
      problemsOf(
        withSlo({ name: 'a', sli: { metric: 'm', aggregate: 'p100' }, objective: { target: 1 } }),
      )[0],
    ).toMatch(/^slos\[0\]\.sli\.aggregate: expected one of mean, .* p<N>/);
    expect(
      problemsOf(
        withSlo({ name: 'a', sli: { metric: 'm', aggregate: 'mean' }, objective: { target: 'high' } }),
      ),
    ).toEqual(['slos[0].objective.target: expected a number']);
    expect(
      problemsOf(
        withSlo({
          name: 'a',
          sli: { metric: 'm', aggregate: 'mean' },
          objective: { target: 1 },
          window: '1y',
        }),
      ),
    ).toEqual(['slos[0].window: expected a duration such as 30m, 1h, 7d, 30d or 4w']);
    expect(problemsOf(withSlo({ name: 'a', sli: { latency: 1 }, objective: { target: 1 } }))).toEqual([
      'slos[0].sli: expected { metric, aggregate }, { ratio: { good, total? } } or { evalMetric }',
    ]);
    expect(
      problemsOf(
        withSlo({ name: 'a', sli: { ratio: { good: { field: 'status' } } }, objective: { target: 0.9 } }),
      ),
    ).toEqual(['slos[0].sli.ratio.good: expected at least one of equals, in, lt, lte, gt, gte, exists']);
    expect(
      problemsOf(withSlo({ name: 'a', sli: { metric: 'm', aggregate: 'mean' }, objectve: { target: 1 } })),
    ).toContain('slos[0]: Unrecognized key: "objectve"');
    expect(
      problemsOf(
        withSlo({
          name: 'a',
          sli: { ratio: { good: { field: 'status', equals: 'success' } } },
          objective: { target: 99.5 },
        }),
      ),
    ).toEqual(['slos[0].objective.target: expected a fraction between 0 and 1 for a ratio SLI, found 99.5']);
  });

  it('requires `source` when there are several, and rejects unknown ones', () => {
    const two = {
      sources: { a: { type: 'file', path: 'a.jsonl' }, b: { type: 'file', path: 'b.jsonl' } },
      slos: [
        { name: 'x', sli: { metric: 'm', aggregate: 'mean' }, objective: { target: 1 } },
        { name: 'y', source: 'c', sli: { metric: 'm', aggregate: 'mean' }, objective: { target: 1 } },
      ],
    };
    expect(problemsOf(two)).toEqual([
      'slos[0].source: required when more than one source is configured (one of: a, b)',
      "slos[1].source: unknown source 'c' (configured: a, b)",
    ]);
  });

  it('rejects duplicate names, evalMetric SLOs without a summary and empty configs', () => {
    const slo = { name: 'a', sli: { metric: 'm', aggregate: 'mean' }, objective: { target: 1 } };
    expect(problemsOf({ sources: { p: { type: 'file', path: 'x' } }, slos: [slo, slo] })).toEqual([
      "slos[1].name: duplicate SLO name 'a'",
    ]);
    expect(
      problemsOf({
        sources: { p: { type: 'file', path: 'x' } },
        slos: [{ name: 'a', sli: { evalMetric: 'accuracy' }, objective: { target: 1 } }],
      }),
    ).toEqual([
      "slos[0].sli.evalMetric: source 'p' has no eval summary: set `summary: ./eval-summary.json` on it",
    ]);
    expect(problemsOf({ sources: {}, slos: [] })).toEqual(['sources: expected at least one source']);
    expect(problemsOf({ sources: { p: { type: 'file' } }, slos: [slo] })).toEqual([
      'sources.p: expected `path` (a JSONL or CSV file of records), `summary` (a JSON eval summary), or both',
    ]);
  });

  it('leaves adapter sources to their packages', () => {
    const config = resolveConfig(
      {
        sources: { prod: { type: 'langsmith', project: 'support-bot' } },
        slos: [{ name: 'a', sli: { metric: 'latency_ms', aggregate: 'p95' }, objective: { target: 3000 } }],
      },
      { baseDir: '/tmp' },
    );
    expect(config.sources.prod).toEqual({ type: 'langsmith', project: 'support-bot' });
  });
});

describe('resolveConfig with hostile keys and links', () => {
  const slo = { name: 'a', sli: { metric: 'latency_ms', aggregate: 'mean' }, objective: { target: 1 } };

  it('names every __proto__, constructor or prototype key instead of dropping it', () => {
    const raw = JSON.parse(
      '{"sources": {"__proto__": {"type": "file"}, "prod": {"type": "file", "path": "x.jsonl"}}, "slos": [{"name": "a", "sli": {"metric": "latency_ms", "aggregate": "mean"}, "objective": {"target": 1}, "labels": {"constructor": "x", "team": "y"}}]}',
    ) as unknown;
    expect(problemsOf(raw)).toEqual([
      'sources.__proto__: "__proto__" is not allowed as a key',
      'slos[0].labels.constructor: "constructor" is not allowed as a key',
    ]);
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  it('accepts http(s) and relative runbook links only', () => {
    expect(problemsOf(withSlo({ ...slo, runbook: 'javascript:alert(1)' }))).toEqual([
      'slos[0].runbook: expected an http(s) URL or a relative link',
    ]);
    expect(problemsOf(withSlo({ ...slo, runbook: 'runbooks/latency.md' }))).toEqual([]);
  });

  it('refuses channel URLs holding credentials, without quoting them', () => {
    const raw = {
      ...withSlo(slo),
      channels: {
        hook: { type: 'webhook', url: 'https://user:pass@hooks.example.com/x' },
        token: { type: 'webhook', url: 'https://token@hooks.example.com/x' },
        chat: {
          type: 'discord',
          webhookUrl: ['https://discord.example.com/x', 'http://a:b@discord.example.com/y'],
        },
        fine: { type: 'slack', webhookUrl: 'https://hooks.slack.com/services/T/B/x', headers: { a: 'b' } },
        mail: { type: 'email', smtp: 'smtp://user:pass@mail.example.com:587' },
        // Alertmanager sends user-info in its base URL as basic auth, as documented; elsewhere it is refused.
        am: {
          type: 'alertmanager',
          url: ['https://am.example.com', 'http://a:b@am2.example.com'],
          generatorUrl: 'https://a:b@slo.example.com',
        },
      },
    };
    const message =
      'expected a URL without user:password@; put credentials in the channel settings or headers';
    expect(problemsOf(raw)).toEqual([
      `channels.hook.url: ${message}`,
      `channels.token.url: ${message}`,
      `channels.chat.webhookUrl[1]: ${message}`,
      `channels.am.generatorUrl: ${message}`,
    ]);
  });
});
