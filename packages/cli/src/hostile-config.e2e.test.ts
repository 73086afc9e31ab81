import { describe, expect, it } from 'vitest';
import { hasStackTrace, runSlokit, writeProject } from './test-support/run-slokit.js';

const records = `${JSON.stringify({ timestamp: '2026-11-26T13:10:00Z', latency_ms: 100 })}\n`;

const slos = `slos:
  - name: latency
    sli: { metric: latency_ms, aggregate: mean }
    objective: { target: 1000 }
`;

async function validate(files: Record<string, string>, config: string) {
  const dir = await writeProject({ 'records.jsonl': records, ...files });
  return runSlokit(['validate', '-c', config], { cwd: dir });
}

describe('a YAML alias bomb', () => {
  it('exits 2 with one line', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [index, name] of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].entries()) {
      const previous = String.fromCharCode(97 + index);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const bomb = `${levels.join('\n')}\nsources:\n  prod: { type: file, path: ./records.jsonl }\n${slos}`;
    const run = await validate({ 'slokit.yaml': bomb }, 'slokit.yaml');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'slokit: slokit.yaml: not valid YAML: Excessive alias count indicates a resource exhaustion attack\n',
    );
  });
});

describe('JSON configs', () => {
  const config = {
    sources: { prod: { type: 'file', path: './records.jsonl' } },
    slos: [
      { name: 'latency', sli: { metric: 'latency_ms', aggregate: 'mean' }, objective: { target: 1000 } },
    ],
  };

  it('read with a byte order mark', async () => {
    const run = await validate({ 'slokit.json': `\uFEFF${JSON.stringify(config)}` }, 'slokit.json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('slokit.json is valid: 1 source(s), 1 SLO(s)');
  });

  it('reject duplicate keys, naming the path', async () => {
    const text = JSON.stringify(config).replace(
      '"path":"./records.jsonl"',
      '"path":"./records.jsonl","path":"/etc/passwd"',
    );
    const run = await validate({ 'slokit.json': text }, 'slokit.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('slokit: slokit.json: sources.prod.path: duplicate key\n');
  });

  it('report invalid JSON as before', async () => {
    const run = await validate({ 'slokit.json': '{"sources": ' }, 'slokit.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^slokit: slokit\.json: not valid JSON: /);
  });

  it('reject __proto__ keys, naming the path', async () => {
    const text = JSON.stringify(config).replace('"prod":', '"__proto__":{"type":"file"},"prod":');
    const run = await validate({ 'slokit.json': text }, 'slokit.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('slokit: slokit.json: sources.__proto__: "__proto__" is not allowed as a key\n');
  });
});

describe('YAML configs', () => {
  it('read with a byte order mark', async () => {
    const text = `\uFEFFsources:\n  prod: { type: file, path: ./records.jsonl }\n${slos}`;
    const run = await validate({ 'slokit.yaml': text }, 'slokit.yaml');
    expect(run.code).toBe(0);
  });

  it('reject duplicate keys, naming the path', async () => {
    const text = `sources:\n  prod: { type: file, path: ./records.jsonl, type: file }\n${slos}`;
    const run = await validate({ 'slokit.yaml': text }, 'slokit.yaml');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('slokit: slokit.yaml: sources.prod.type: duplicate key\n');
  });

  it('reject __proto__, constructor and prototype keys, naming the path', async () => {
    const text = `sources:\n  prod: { type: file, path: ./records.jsonl }\n${slos}    labels: { __proto__: x, constructor: y }\n`;
    const run = await validate({ 'slokit.yaml': text }, 'slokit.yaml');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      [
        'slokit: slokit.yaml: slos[0].labels.__proto__: "__proto__" is not allowed as a key',
        'slokit.yaml: slos[0].labels.constructor: "constructor" is not allowed as a key',
        '',
      ].join('\n'),
    );
  });
});

describe('runbook links', () => {
  const withRunbooks = (runbooks: string[]) =>
    `sources:\n  prod: { type: file, path: ./records.jsonl }\nslos:\n${runbooks
      .map(
        (runbook, index) => `  - name: latency-${index}
    sli: { metric: latency_ms, aggregate: mean }
    objective: { target: 1000 }
    runbook: ${JSON.stringify(runbook)}
`,
      )
      .join('')}`;

  it('rejects anything but http(s) and relative links, naming each path', async () => {
    const runbooks = [
      'javascript:alert(document.domain)',
      'JavaScript:alert(1)',
      'java\tscript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
    ];
    const run = await validate({ 'slokit.yaml': withRunbooks(runbooks) }, 'slokit.yaml');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `slokit: ${runbooks
        .map(
          (_, index) => `slokit.yaml: slos[${index}].runbook: expected an http(s) URL or a relative link\n`,
        )
        .join('')}`,
    );
    expect(hasStackTrace(run)).toBe(false);
  });

  it('accepts http(s) URLs and relative links', async () => {
    const runbooks = [
      'https://wiki.example.com/runbooks/latency',
      'http://wiki.internal/runbooks/latency',
      'docs/runbooks/latency.md',
      '/runbooks/latency#first-steps',
    ];
    const run = await validate({ 'slokit.yaml': withRunbooks(runbooks) }, 'slokit.yaml');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('channel URLs with credentials', () => {
  it('are config errors naming the path, never printing the secret', async () => {
    const text = `sources:\n  prod: { type: file, path: ./records.jsonl }\n${slos}channels:
  hook: { type: webhook, url: "https://alice:s3cr3t-pass@hooks.example.com/slo" }
  chat: { type: teams, webhookUrl: "https://bob:hunter2@teams.example.com/hook" }
  am: { type: alertmanager, url: "https://ops:am-pass@am.example.com", generatorUrl: "https://carol:dash-pass@slo.example.com" }
  mail: { type: email, to: ops@example.com, smtp: "smtp://mailer:smtp-pass@mail.example.com:587" }
routes:
  - to: [hook, chat, am, mail]
`;
    const run = await validate({ 'slokit.yaml': text }, 'slokit.yaml');
    expect(run.code).toBe(2);
    const problem =
      'expected a URL without user:password@; put credentials in the channel settings or headers';
    expect(run.stderr).toBe(
      [
        `slokit: slokit.yaml: channels.hook.url: ${problem}`,
        `slokit.yaml: channels.chat.webhookUrl: ${problem}`,
        `slokit.yaml: channels.am.generatorUrl: ${problem}`,
        '',
      ].join('\n'),
    );
    expect(run.stderr).not.toMatch(/s3cr3t|hunter2|am-pass|dash-pass|smtp-pass/);
  });
});
