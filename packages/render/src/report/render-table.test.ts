import { createMemorySource } from '@slokit/core/internal';
import { check } from '@slokit/engine';
import { describe, expect, it } from 'vitest';
import { displayWidth } from './display-width.js';
import { renderMarkdown } from './render-markdown.js';
import { renderReport } from './render-report.js';
import { renderTable } from './render-table.js';

async function sampleReport() {
  const records = Array.from({ length: 1204 }, (_, index) => ({
    timestamp: new Date(Date.parse('2026-11-26T13:00:01Z') + index * 2000).toISOString(),
    latency_ms: 1000 + (index % 100) * 10,
    cost_usd: index % 10 === 0 ? 0.16 : 0.05,
    scores: { accuracy: index % 13 !== 0 },
    metadata: { model: index % 2 === 0 ? 'gpt-4o' : 'gpt|mini' },
  }));
  return check(
    {
      sources: { prod: { type: 'memory' } },
      slos: [
        {
          name: 'accuracy',
          sli: { metric: 'scores.accuracy', aggregate: 'mean' },
          objective: { op: 'gte', target: 0.9 },
          window: '1h',
        },
        {
          name: 'p95-latency',
          sli: { metric: 'latency_ms', aggregate: 'p95' },
          objective: { op: 'lte', target: 2000 },
          window: '1h',
        },
        {
          name: 'cost-per-query',
          sli: { metric: 'cost_usd', aggregate: 'mean' },
          objective: { op: 'lte', target: 0.05, critical: 0.08 },
          groupBy: 'model',
          runbook: 'https://wiki.example.com/runbooks/llm-cost',
        },
      ],
    },
    { at: '2026-11-26T14:00:00Z', sources: { prod: createMemorySource('prod', records) } },
  );
}

describe('renderTable', () => {
  it('prints the dashboard with units, aligned columns and the compliance line', async () => {
    const text = renderTable(await sampleReport());
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('SLO Dashboard - window ending 2026-11-26 14:00 UTC');
    expect(lines[2]).toBe('SLO            │ Target  │ Current │ Samples │ Window │ Status');
    expect(lines[4]).toBe('accuracy       │ ≥ 90%   │ 92.3%   │ 1,204   │ 1h     │ ✅ ok');
    expect(lines[5]).toBe('p95-latency    │ ≤ 2s    │ 1.94s   │ 1,204   │ 1h     │ ✅ ok');
    expect(lines[6]).toBe('cost-per-query │ ≤ $0.05 │ $0.061  │ 1,204   │ all    │ ⚠️ at risk');
    expect(lines[7]).toBe('  └ gpt-4o     │         │ $0.072  │ 602     │        │ ⚠️ at risk');
    expect(lines[8]).toBe('  └ gpt|mini   │         │ $0.05   │ 602     │        │ ✅ ok');
    expect(lines.at(-1)).toBe('Overall SLO compliance: 67% (2 of 3)');
    // Every row of the table has its separators in the same terminal columns.
    const separatorColumns = (line: string) =>
      [...line].reduce<number[]>((columns, character, index, characters) => {
        if (character === '│') columns.push(displayWidth(characters.slice(0, index).join('')));
        return columns;
      }, []);
    for (const line of lines.slice(2, 9).filter((line) => line.includes('│'))) {
      expect(separatorColumns(line)).toEqual(separatorColumns(lines[2]!));
    }
    expect(text).not.toContain('\u001b[');
  });

  it('colours only when asked', async () => {
    expect(renderTable(await sampleReport(), { color: true })).toContain('\u001b[');
  });
});

describe('renderMarkdown', () => {
  it('renders a table for a PR comment, escaping user text', async () => {
    const text = renderMarkdown(await sampleReport());
    expect(text).toContain('| **accuracy** | ≥ 90% | 92.3% | 1,204 | 1h | ✅ ok |');
    expect(text).toContain('| ↳ gpt\\|mini |  | $0.05 | 602 |  | ✅ ok |');
    expect(text).toContain('**Overall SLO compliance: 67% (2 of 3)**');
    expect(text).toContain('- cost-per-query: <https://wiki.example.com/runbooks/llm-cost>');
  });
});

describe('renderReport', () => {
  it('prints stable JSON', async () => {
    const report = await sampleReport();
    expect(JSON.parse(renderReport(report, 'json'))).toEqual(JSON.parse(JSON.stringify(report)));
  });
});
