import { describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.js';
import { runCli } from './run-cli.js';
import { hasStackTrace, runSlokit, writeProject } from './test-support/run-slokit.js';

const at = '2026-11-26T14:00:00Z';

interface JsonReport {
  slos: Array<{
    name: string;
    value: number | null;
    samples: number;
    notes: string[];
    segments: Array<{ key: string; samples: number }> | null;
  }>;
  sources: Array<{ name: string; records: number; skipped: number; issues: Array<{ message: string }> }>;
}

function sloOf(report: Pick<JsonReport, 'slos'>, name: string) {
  const slo = report.slos.find((entry) => entry.name === name);
  if (!slo) throw new Error(`no SLO ${name} in the report`);
  return slo;
}

function jsonl(...records: unknown[]): string {
  return `${records.map((record) => JSON.stringify(record)).join('\n')}\n`;
}

const latencyConfig = (path: string, extra = '') => `sources:
  prod: { type: file, path: ${path}${extra} }
slos:
  - name: latency
    sli: { metric: latency_ms, aggregate: mean }
    objective: { target: 1000 }
`;

describe('keys from data never reach a prototype', () => {
  const csv = [
    'id,timestamp,latency_ms,__proto__.model,constructor.prototype.polluted,metadata.model',
    'r1,2026-11-26T13:10:00Z,800,evil,yes,gpt-4o',
    'r2,2026-11-26T13:20:00Z,900,,,gpt-4o',
  ].join('\n');
  // Written as text: in an object literal `__proto__` would set the prototype instead of a key.
  const json = [
    '{"id":"j1","timestamp":"2026-11-26T13:30:00Z","latency_ms":700,"metadata":{"__proto__":{"url":"x"}}}',
    '{"id":"j2","timestamp":"2026-11-26T13:31:00Z","latency_ms":700,"__proto__":{"url":"x"}}',
    '{"id":"j3","timestamp":"2026-11-26T13:32:00Z","latency_ms":700,"metadata":{"tenant":"acme"}}',
  ].join('\n');
  const config = `sources:
  hostile: { type: file, path: ./hostile.csv }
  clean: { type: file, path: ./clean.jsonl }
slos:
  - name: hostile-latency
    source: hostile
    sli: { metric: latency_ms, aggregate: mean }
    objective: { target: 1000 }
  - name: clean-by-model
    source: clean
    sli: { metric: latency_ms, aggregate: mean }
    objective: { target: 1000 }
    groupBy: model
`;

  it('skips and reports records holding __proto__, constructor or prototype keys', async () => {
    const dir = await writeProject({ 'slokit.yaml': config, 'hostile.csv': csv, 'clean.jsonl': json });
    const run = await runSlokit(['check', '--at', at, '--format', 'json'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    const hostile = report.sources.find((source) => source.name === 'hostile')!;
    expect(hostile).toMatchObject({ records: 1, skipped: 1 });
    expect(hostile.issues[0]!.message).toBe(
      '__proto__.model: "__proto__" is not allowed as a key in record data',
    );
    const clean = report.sources.find((source) => source.name === 'clean')!;
    expect(clean).toMatchObject({ records: 1, skipped: 2 });
    expect(clean.issues.map((issue) => issue.message)).toEqual([
      'metadata.__proto__: "__proto__" is not allowed as a key in record data',
      '__proto__: "__proto__" is not allowed as a key in record data',
    ]);
    expect(sloOf(report, 'clean-by-model').segments).toEqual([
      expect.objectContaining({ key: '(none)', samples: 1 }),
    ]);

    const strict = await runSlokit(['check', '--at', at, '--strict'], { cwd: dir });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/^slokit: .*hostile\.csv:2: __proto__\.model: "__proto__" is not allowed/);
    expect(hasStackTrace(strict)).toBe(false);
  });

  it('leaves Object.prototype untouched after a check of the hostile files', async () => {
    const dir = await writeProject({ 'slokit.yaml': config, 'hostile.csv': csv, 'clean.jsonl': json });
    const output: string[] = [];
    const io: CliIo = {
      stdout: (text) => output.push(text),
      stderr: (text) => output.push(text),
      color: false,
      interactive: false,
      cwd: dir,
      env: {},
    };
    expect(await runCli(['check', '--at', at], io)).toBe(0);
    expect(output.join('')).toContain("Skipped 1 invalid record(s) from source 'hostile'");
    const probe = {} as Record<string, unknown>;
    expect(probe.model).toBeUndefined();
    expect(probe.url).toBeUndefined();
    expect(probe.polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('model');
  });
});

describe('field paths read own properties only', () => {
  it('does not see inherited constructor or toString', async () => {
    const config = `sources:
  prod: { type: file, path: ./records.jsonl }
slos:
  - name: by-constructor
    sli: { metric: latency_ms, aggregate: mean }
    objective: { target: 1000 }
    groupBy: metadata.constructor
  - name: has-to-string
    sli: { ratio: { good: { field: toString, exists: true }, total: { field: id, exists: true } } }
    objective: { target: 0.5 }
`;
    const records = jsonl(
      { id: 'a', timestamp: '2026-11-26T13:10:00Z', latency_ms: 100, metadata: { tenant: 'acme' } },
      { id: 'b', timestamp: '2026-11-26T13:11:00Z', latency_ms: 200, metadata: { tenant: 'beta' } },
    );
    const dir = await writeProject({ 'slokit.yaml': config, 'records.jsonl': records });
    const run = await runSlokit(['check', '--at', at, '--format', 'json'], { cwd: dir });
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(sloOf(report, 'by-constructor').segments?.map((segment) => segment.key)).toEqual(['(none)']);
    expect(sloOf(report, 'has-to-string')).toMatchObject({ value: 0, samples: 2 });
  });
});

describe('an ISO time without an offset is UTC', () => {
  it.each(['America/New_York', 'Asia/Tokyo'])('whatever TZ is (%s)', async (zone) => {
    const config = `sources:
  prod: { type: file, path: ./records.jsonl }
slos:
  - name: latency
    sli: { metric: latency_ms, aggregate: mean }
    objective: { target: 1000 }
    window: 1h
`;
    const records = jsonl(
      { timestamp: '2026-11-26T13:30:00', latency_ms: 100 },
      { timestamp: '2026-11-26T13:40:00.250', latency_ms: 300 },
      { timestamp: '2026-11-26T12:30:00', latency_ms: 5000 },
    );
    const dir = await writeProject({ 'slokit.yaml': config, 'records.jsonl': records });
    const run = await runSlokit(['check', '--at', at, '--format', 'json'], { cwd: dir, env: { TZ: zone } });
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(sloOf(report, 'latency')).toMatchObject({ value: 200, samples: 2 });
  });
});

describe('numbers and times from data', () => {
  it('reads decimal strings only and reports timestamps beyond the year 3000', async () => {
    const config = `sources:
  prod: { type: file, path: ./records.jsonl }
slos:
  - name: latency
    sli: { metric: latency_ms, aggregate: mean }
    objective: { target: 1000 }
  - name: retries
    sli: { metric: metadata.retries, aggregate: sum }
    objective: { target: 100 }
`;
    const time = '2026-11-26T13:10:00Z';
    const records = jsonl(
      { timestamp: time, latency_ms: '1e3', retries: '2' },
      { timestamp: time, latency_ms: '-0.5e1' },
      { timestamp: time, latency_ms: '0x10' },
      { timestamp: time, latency_ms: 'Infinity' },
      { timestamp: time, latency_ms: '0b11' },
      { timestamp: time, latency_ms: '  ' },
      { timestamp: 1_764_165_600_000_000, latency_ms: 10 },
      { timestamp: '3001-01-01T00:00:00Z', latency_ms: 10 },
      { timestamp: time, latency_ms: 10, retries: '0o7' },
      { timestamp: time, latency_ms: 20, retries: '+3' },
    );
    const dir = await writeProject({ 'slokit.yaml': config, 'records.jsonl': records });
    const run = await runSlokit(['check', '--at', at, '--format', 'json'], { cwd: dir });
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.sources[0]!.issues.map((issue) => issue.message)).toEqual([
      'latency_ms: expected a duration in milliseconds >= 0, found -5',
      'latency_ms: expected a duration in milliseconds, found "0x10"',
      'latency_ms: expected a duration in milliseconds, found "Infinity"',
      'latency_ms: expected a duration in milliseconds, found "0b11"',
      'latency_ms: expected a duration in milliseconds, found "  "',
      'timestamp: expected a time before the year 3000 (epoch seconds or milliseconds), found 1764165600000000',
      'timestamp: expected a time before the year 3000 (epoch seconds or milliseconds), found "3001-01-01T00:00:00Z"',
    ]);
    expect(sloOf(report, 'latency')).toMatchObject({ value: (1000 + 10 + 20) / 3, samples: 3 });
    expect(sloOf(report, 'retries')).toMatchObject({ value: 5, samples: 2 });
    expect(sloOf(report, 'retries').notes).toContain(
      '1 value(s) of metadata.retries were not numbers and were not counted',
    );
  });

  const hugeConfig = `sources:
  prod: { type: file, path: ./records.jsonl }
slos:
  - name: mean-latency
    sli: { metric: latency_ms, aggregate: mean }
    objective: { target: 1000 }
  - name: total-latency
    sli: { metric: latency_ms, aggregate: sum }
    objective: { target: 1000 }
`;
  const huge = jsonl(
    ...[1, 2, 3].map((index) => ({
      id: `h${index}`,
      timestamp: `2026-11-26T13:1${index}:00Z`,
      latency_ms: 1e308,
    })),
  );

  it('keeps the mean finite and reports a sum that overflows (check)', async () => {
    const dir = await writeProject({ 'slokit.yaml': hugeConfig, 'records.jsonl': huge });
    const run = await runSlokit(['check', '--at', at, '--format', 'json'], { cwd: dir });
    expect(run.stdout).not.toMatch(/NaN|Infinity/);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(sloOf(report, 'mean-latency')).toMatchObject({ value: 1e308, samples: 3 });
    expect(sloOf(report, 'total-latency')).toMatchObject({ value: null, samples: 3 });
    expect(sloOf(report, 'total-latency').notes).toContain(
      'the sum of latency_ms overflows (its values are too large to add up), so there is no value',
    );
  });

  it('reports a sum that overflows after a sync instead of a non-finite value', async () => {
    const dir = await writeProject({ 'slokit.yaml': hugeConfig, 'records.jsonl': huge });
    const run = await runSlokit(['sync', '--now', at, '--json'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toMatch(/NaN|Infinity/);
    const result = JSON.parse(run.stdout) as { slos: JsonReport['slos'] };
    // Stored history keeps sums, not exact moments: once the sum overflows, the mean has no value either.
    for (const name of ['mean-latency', 'total-latency']) {
      expect(sloOf(result, name)).toMatchObject({ value: null, samples: 3 });
      expect(sloOf(result, name).notes).toContain(
        'the sum of latency_ms overflows (its values are too large to add up), so there is no value',
      );
    }
  });
});

describe('a CSV row with a wrong column count', () => {
  const csv = [
    'id,timestamp,latency_ms,status',
    'r1,2026-11-26T13:10:00Z,800,success',
    'r2,2026-11-26T13:20:00Z,900',
    'r3,2026-11-26T13:30:00Z,1000,success,extra',
    'r4,2026-11-26T13:40:00Z,1100,success',
  ].join('\n');

  it('skips only that row and reports it, or fails under --strict', async () => {
    const dir = await writeProject({ 'slokit.yaml': latencyConfig('./records.csv'), 'records.csv': csv });
    const run = await runSlokit(['check', '--at', at], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/latency\s+│ ≤ 1s\s+│ 950ms\s+│ 2 /);
    expect(run.stdout).toContain("Skipped 2 invalid record(s) from source 'prod'");
    expect(run.stdout).toContain('records.csv:3: not valid CSV: expected 4 fields as in the header, found 3');
    expect(run.stdout).toContain('records.csv:4: not valid CSV: expected 4 fields as in the header, found 5');

    const strict = await runSlokit(['check', '--at', at, '--strict'], { cwd: dir });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/^slokit: .*records\.csv:3: not valid CSV: expected 4 fields/);
    expect(hasStackTrace(strict)).toBe(false);
  });

  it('does not fail a sync', async () => {
    const dir = await writeProject({ 'slokit.yaml': latencyConfig('./records.csv'), 'records.csv': csv });
    const run = await runSlokit(['sync', '--now', at], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('prod: 2 new record(s) (read 2, 0 already counted, 2 skipped)');
  });
});

describe('JSONL lines beyond the limit', () => {
  it('skips and reports a line longer than maxLineBytes', async () => {
    const long = JSON.stringify({ latency_ms: 5, note: 'x'.repeat(2000) });
    const records = `${JSON.stringify({ latency_ms: 100 })}\n${long}\n${JSON.stringify({ latency_ms: 300 })}\n`;
    const dir = await writeProject({
      'slokit.yaml': latencyConfig('./records.jsonl', ', maxLineBytes: 1024'),
      'records.jsonl': records,
    });
    const run = await runSlokit(['check', '--at', at], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/latency\s+│ ≤ 1s\s+│ 200ms\s+│ 2 /);
    expect(run.stdout).toContain(
      'records.jsonl:2: line longer than 1,024 bytes (raise maxLineBytes on the source to read it)',
    );
  });

  it('exits 3 naming the file when the path is not a regular file (/dev/zero)', async () => {
    const dir = await writeProject({ 'slokit.yaml': latencyConfig('/dev/zero') });
    const run = await runSlokit(['check', '--at', at], { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      "slokit: source 'prod': cannot read /dev/zero: not a regular file or pipe; its SLOs are reported as no_data\n",
    );
  });
});

describe('a UTF-8 byte order mark', () => {
  it('is stripped from JSONL, CSV and eval summaries', async () => {
    const bom = '\uFEFF';
    const config = `sources:
  lines: { type: file, path: ./records.jsonl, summary: ./summary.json }
  table: { type: file, path: ./records.csv }
slos:
  - name: lines-latency
    source: lines
    sli: { metric: latency_ms, aggregate: mean }
    objective: { target: 1000 }
  - name: table-latency
    source: table
    sli: { metric: latency_ms, aggregate: mean }
    objective: { target: 1000 }
  - name: accuracy
    source: lines
    sli: { evalMetric: accuracy }
    objective: { target: 0.9 }
`;
    const dir = await writeProject({
      'slokit.yaml': config,
      'records.jsonl': `${bom}${jsonl({ latency_ms: 100 }, { latency_ms: 300 })}`,
      'records.csv': `${bom}latency_ms,status\n400,success\n`,
      'summary.json': `${bom}{"metrics": {"accuracy": 0.95}, "samples": 10}`,
    });
    const run = await runSlokit(['check', '--at', at, '--format', 'json'], { cwd: dir });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.sources.map((source) => source.skipped)).toEqual([0, 0]);
    expect(sloOf(report, 'lines-latency')).toMatchObject({ value: 200, samples: 2 });
    expect(sloOf(report, 'table-latency')).toMatchObject({ value: 400, samples: 1 });
    expect(sloOf(report, 'accuracy')).toMatchObject({ value: 0.95 });
  });
});

describe('control characters from data never reach the terminal', () => {
  const hostileModel = 'gpt\u001b]52;c;ZXZpbA==\u0007\u001b[2J\u009b31m\u007f-4o';
  const config = `sources:
  prod: { type: file, path: ./records.jsonl }
slos:
  - name: latency
    sli: { metric: latency_ms, aggregate: mean }
    objective: { target: 100 }
    groupBy: model
`;
  const records = jsonl(
    { id: 'a', timestamp: '2026-11-26T13:10:00Z', latency_ms: 500, model: hostileModel },
    { id: 'b', timestamp: '2026-11-26T13:11:00Z', latency_ms: 'slow\u009b2J' },
  );
  /** Only the table's own SGR colour sequences may remain. */
  const foreignControl = /\u001b(?!\[[0-9;]*m)|[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f]/;

  it('strips them from the check table, keeping its colours', async () => {
    const dir = await writeProject({ 'slokit.yaml': config, 'records.jsonl': records });
    const run = await runSlokit(['check', '--at', at], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(run.stdout).toContain('\u001b[1m');
    expect(run.stdout).toContain('gpt]52;c;ZXZpbA==[2J31m-4o');
    expect(run.stdout).toContain('latency_ms: expected a duration in milliseconds, found "slow2J"');
    expect(run.stdout).not.toMatch(foreignControl);
  });

  it('strips them from the sync summary', async () => {
    const dir = await writeProject({ 'slokit.yaml': config, 'records.jsonl': records });
    const run = await runSlokit(['sync', '--now', at], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('gpt]52;c;ZXZpbA==[2J31m-4o');
    expect(run.stdout).not.toMatch(foreignControl);
  });
});
