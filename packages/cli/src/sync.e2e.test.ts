import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSqliteStore } from '@slokit/store';
import { beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const start = Date.parse('2026-11-26T00:00:00Z');
const minute = 60_000;
const iso = (offsetMinutes: number) => new Date(start + offsetMinutes * minute).toISOString();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function slokit(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd, env: { PATH: process.env.PATH ?? '' } },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** Six hours of one request a minute; errors burst from minute 200 to 230. */
function records(count = 360, perMinute = 1): string {
  const lines: string[] = [];
  for (let index = 0; index < count * perMinute; index++) {
    const minuteIndex = index / perMinute;
    const failing = minuteIndex >= 200 && minuteIndex < 230;
    lines.push(
      JSON.stringify({
        id: `r${index}`,
        timestamp: new Date(start + minuteIndex * minute + 1000).toISOString(),
        latency_ms: 200 + (index % 7) * 100,
        status: failing ? 'error' : 'success',
        scores: { helpfulness: 0.8 },
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

const config = `sources:
  prod: { type: file, path: ./records.jsonl }
slos:
  - name: success-rate
    sli: { ratio: { good: { field: status, equals: success } } }
    objective: { op: gte, target: 0.95, warning: 0.9, critical: 0.8 }
    window: 1h
  - name: p95-latency
    sli: { metric: latency_ms, aggregate: p95 }
    objective: { op: lte, target: 2000 }
    window: 1h
`;

async function project(data = records()): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'slokit-sync-'));
  await writeFile(join(dir, 'slokit.yaml'), config);
  await writeFile(join(dir, 'records.jsonl'), data);
  return dir;
}

describe('slokit sync', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await project();
  });

  it('pulls incrementally into a SQLite state beside the config', async () => {
    const first = await slokit(['sync', '--now', iso(120)], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/prod: 60 new record\(s\) \(read 60, 0 already counted\)/);
    expect(first.stdout).toMatch(/success-rate\s+│ ≥ 95%\s+│ 100%\s+│ 60 /);
    const again = await slokit(['sync', '--now', iso(120)], dir);
    expect(again.stdout).toMatch(/prod: 0 new record\(s\) \(read 10, 10 already counted\)/);
    const later = await slokit(['sync', '--now', iso(150), '--json'], dir);
    const result = JSON.parse(later.stdout);
    expect(result.sources[0]).toMatchObject({ name: 'prod', counted: 30, duplicates: 10 });
    expect(result.slos[0]).toMatchObject({ name: 'success-rate', samples: 60, value: 1, alertLevel: 'none' });
  });

  it('alerts on the second breaching cycle and resolves after recovery', async () => {
    const levels: string[] = [];
    for (let at = 155; at <= 330; at += 5) {
      const run = await slokit(['sync', '--now', iso(at), '--json'], dir);
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout);
      for (const event of result.events) levels.push(`${event.slo}:${event.kind}:${event.level}`);
    }
    // Critical for 30 minutes becomes a page (pageAfter); then it calms down in steps with hysteresis.
    expect(levels).toEqual([
      'success-rate:fired:warning',
      'success-rate:escalated:critical',
      'success-rate:escalated:page',
      'success-rate:deescalated:warning',
      'success-rate:resolved:none',
    ]);
  }, 240_000);

  it('reports the period from history', async () => {
    const table = await slokit(['report', '--days', '1', '--now', iso(330)], dir);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('SLO Dashboard - Last 1 Day');
    expect(table.stdout).toMatch(/success-rate\s+│ ≥ 95%\s+│ 88\.9%\s+│\s+│ \S+\s+│ 3\s+│ 🟠 warning/);
    const json = JSON.parse(
      (await slokit(['report', '--days', '1', '--now', iso(330), '--format', 'json'], dir)).stdout,
    );
    const success = json.slos.find((slo: { name: string }) => slo.name === 'success-rate');
    expect(success.series.length).toBe(38);
    expect(success.alerts.map((alert: { kind: string }) => alert.kind)).toEqual([
      'fired',
      'escalated',
      'escalated',
      'deescalated',
      'resolved',
    ]);
    const html = await slokit(
      ['report', '--days', '1', '--now', iso(330), '--format', 'html', '--out', 'report.html'],
      dir,
    );
    expect(html.stderr).toBe('Report written to report.html\n');
    const page = await readFile(join(dir, 'report.html'), 'utf8');
    expect(page.match(/data-chart="sli"/g)).toHaveLength(2);
    expect(page).toContain('data-slo="success-rate"');
    const markdown = await slokit(['report', '--days', '1', '--now', iso(330), '--format', 'markdown'], dir);
    expect(markdown.stdout).toContain('| **success-rate** |');
    const review = await slokit(['review', '--days', '1', '--now', iso(330)], dir);
    expect(review.code).toBe(0);
    expect(review.stdout).toMatch(/success-rate {2}\(38 evaluations; ok\)/);
    expect(review.stdout).toMatch(/alerts: warning 1x for \d+m, critical 1x for \d+m, page 1x for/);
  });

  it('records silenced events without sending them', async () => {
    const quiet = await project();
    await slokit(['sync', '--now', iso(190)], quiet);
    const add = await slokit(
      [
        'silence',
        'add',
        '--slo',
        'success-rate',
        '--for',
        '2h',
        '--reason',
        'planned failover',
        '--now',
        iso(190),
      ],
      quiet,
    );
    expect(add.code).toBe(0);
    const id = /\(id (\w+)\)/.exec(add.stdout)![1]!;
    expect((await slokit(['silence', 'list', '--now', iso(200)], quiet)).stdout).toContain(
      `${id}  success-rate until 2026-11-26 05:10 UTC: planned failover`,
    );
    const events: string[] = [];
    for (let at = 195; at <= 240; at += 5) {
      const result = JSON.parse((await slokit(['sync', '--now', iso(at), '--json'], quiet)).stdout);
      for (const event of result.events)
        events.push(`${event.kind}:${event.level}:${event.silencedBy ?? 'sent'}`);
    }
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.endsWith(`silence ${id}: planned failover`))).toBe(true);
    expect((await slokit(['silence', 'expire', id, '--now', iso(241)], quiet)).code).toBe(0);
    const after = JSON.parse((await slokit(['sync', '--now', iso(245), '--json'], quiet)).stdout);
    expect(
      after.events.map((event: { kind: string; silencedBy: string | null }) => [
        event.kind,
        event.silencedBy,
      ]),
    ).toEqual([['repeated', null]]);
    const unknown = await slokit(['silence', 'expire', 'nope'], quiet);
    expect(unknown.code).toBe(2);
  }, 240_000);

  it('writes nothing with --dry-run, and gates with --fail-on', async () => {
    const fresh = await project();
    const dry = await slokit(['sync', '--now', iso(220), '--dry-run', '--json'], fresh);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true });
    const store = createSqliteStore({ path: join(fresh, '.slokit', 'state.db') });
    await store.migrate();
    expect(await store.getCursor('prod')).toBeUndefined();
    await store.close();
    const gated = await slokit(['sync', '--now', iso(220), '--fail-on', 'warning'], fresh);
    expect(gated.code).toBe(1);
  });

  it('says another sync is running and does nothing', async () => {
    const locked = await project();
    const store = createSqliteStore({ path: join(locked, '.slokit', 'state.db') });
    await store.migrate();
    expect(await store.tryAcquireLease('sync', 'someone-else', 60_000, Date.now())).toBe(true);
    const run = await slokit(['sync', '--now', iso(60)], locked);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('slokit: another sync is running; nothing done\n');
    expect(await store.getCursor('prod')).toBeUndefined();
    await store.close();
  });

  it('loses and double counts nothing when killed in the middle of a sync', async () => {
    // 300 records a minute for six hours, all read (--since): the first sync is killed while it pulls.
    const big = await project(records(360, 300));
    const child = spawn(process.execPath, [bin, 'sync', '--now', iso(360), '--since', iso(0)], {
      cwd: big,
      stdio: 'ignore',
    });
    const exited = new Promise<string | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise((resolve) => setTimeout(resolve, 600));
    child.kill('SIGKILL');
    expect(await exited, 'the first sync was still running when killed').toBe('SIGKILL');
    const rerun = JSON.parse(
      (await slokit(['sync', '--now', iso(360), '--since', iso(0), '--json'], big)).stdout,
    );
    // The last record lies a moment after --now: not yet.
    expect(rerun.sources[0].counted).toBe(107_996);
    const again = JSON.parse(
      (await slokit(['sync', '--now', iso(360), '--since', iso(0), '--json'], big)).stdout,
    );
    expect(again.sources[0]).toMatchObject({ counted: 0, duplicates: 107_996 });
    const check = JSON.parse(
      (await slokit(['check', '--at', iso(360), '--format', 'json', '--fail-on', 'never'], big)).stdout,
    );
    const fromSync = again.slos.find((slo: { name: string }) => slo.name === 'success-rate');
    const fromCheck = check.slos.find((slo: { name: string }) => slo.name === 'success-rate');
    expect(fromSync.samples).toBe(fromCheck.samples);
    expect(fromSync.value).toBeCloseTo(fromCheck.value, 12);
  }, 240_000);

  it('runs as a daemon with --every and stops cleanly on SIGTERM', async () => {
    const daemonDir = await project();
    const child = spawn(process.execPath, [bin, 'sync', '--every', '1s'], { cwd: daemonDir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Two cycles, a second apart, then a stop.
    while ((stdout.match(/Sync at /g) ?? []).length < 2)
      await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('slokit: stopping after the cycle in flight');
  }, 120_000);

  it('exits 3 when a source fails, still saving the rest of the cycle', async () => {
    const broken = await project();
    await writeFile(join(broken, 'slokit.yaml'), config.replace('./records.jsonl', './'));
    const run = await slokit(['sync', '--now', iso(60)], broken);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/prod: FAILED: source 'prod': cannot read .*EISDIR/);
  });
});
