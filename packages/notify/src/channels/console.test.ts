import type { AlertBatch } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import { sampleAlertBatch, sampleDigestBatch } from '../sample-alert-batch.js';
import { testChannel } from '../testing/index.js';
import { createConsoleChannel, renderConsoleBatch } from './console.js';

function capture() {
  let text = '';
  return {
    output: {
      write(chunk: string, callback?: (error?: Error | null) => void) {
        text += chunk;
        callback?.();
        return true;
      },
    },
    text: () => text,
  };
}

testChannel({
  name: 'console',
  faults: false,
  async setup() {
    const printed = capture();
    const channel = createConsoleChannel('console', {}, { output: printed.output });
    return {
      channel,
      received: () =>
        [
          ...printed
            .text()
            .matchAll(/^(\[TEST\] )?(?:SLO alerts for .*\(batch ([^)]+)\)|.*\(digest ([^)]+)\))$/gm),
        ].map((match) => ({ key: match[2] ?? match[3] ?? null, test: match[1] !== undefined })),
      expectedKeys: (batch) => [batch.id],
      secrets: [],
    };
  },
});

describe('console channel', () => {
  it('prints each event readably', () => {
    expect(renderConsoleBatch(sampleAlertBatch({ channel: 'ops' }))).toBe(
      [
        'SLO alerts for ops at 2026-11-26 14:00 UTC: 2 firing, 1 resolved (batch sample-batch)',
        '  🟠 p95-latency [metadata.model=gpt-4o]: fired warning; 3.4s vs ≤ 2s over 1h',
        '     308 samples · ↑ from 2.1s',
        '     worst: run-7f3a https://smith.example.com/runs/7f3a, run-91c2',
        '  📟 helpfulness: escalated critical → page; 68.1% vs ≥ 80% over 1h',
        '     308 samples · 22.1% of the error budget left, exhausted in 1.5h at this rate · ↓ from 77.4% · burning 15.9x over 1h (page)',
        '     worst: run-7f3a https://smith.example.com/runs/7f3a, run-91c2',
        '     runbook: https://wiki.example.com/runbooks/helpfulness',
        '  ✅ cost-per-query: resolved (was warning); $0.041 vs ≤ $0.05 over 1h',
        '     308 samples · ↓ from $0.063',
        '     runbook: https://wiki.example.com/runbooks/llm-cost',
        '',
      ].join('\n'),
    );
  });

  it('marks a test batch, prints digests, and reports a stream that fails', async () => {
    const printed = capture();
    const channel = createConsoleChannel('c', { stream: 'stderr' }, { output: printed.output });
    await channel.send({ ...sampleAlertBatch(), test: true } satisfies AlertBatch);
    await channel.sendDigest!(sampleDigestBatch());
    expect(printed.text()).toContain('[TEST] SLO alerts for sample');
    expect(printed.text()).toContain('This is a test message');
    expect(printed.text()).toContain(
      'SLO report 2026-11-25 (UTC): 1 of 2 SLOs met (digest sample-digest)\n  ⚠️ helpfulness',
    );
    const broken = createConsoleChannel(
      'c',
      {},
      {
        output: {
          write: (_text: string, callback?: (error?: Error | null) => void) => callback?.(new Error('EPIPE')),
        },
      },
    );
    await expect(broken.send(sampleAlertBatch())).rejects.toMatchObject({
      name: 'ChannelError',
      message: "channel 'c': could not print (EPIPE)",
    });
  });
});
