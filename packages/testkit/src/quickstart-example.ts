import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateOfflineEvalSummary } from './offline-eval-summary.js';
import { generateSupportBotTraffic, type SupportBotTrafficOptions } from './support-bot-traffic.js';
import { writeJsonl } from './write-jsonl.js';

/**
 * The day of support-bot traffic bundled with slokit's quickstart. At 12:30 prompt v13 rolls out: answers get
 * less helpful and the longer prompt costs more, and at 13:25 the provider has a ten-minute 503 burst. A 1h window
 * ending at 14:00 shows a degraded, but not catastrophic, service.
 */
export const quickstartTrafficOptions: SupportBotTrafficOptions = {
  seed: 'slokit-quickstart',
  start: '2026-11-25T14:00:00.000Z',
  end: '2026-11-26T14:00:00.000Z',
  requestsPerMinute: 4,
  promptVersions: [
    { version: 'v12', from: '2026-11-25T14:00:00.000Z' },
    { version: 'v13', from: '2026-11-26T12:30:00.000Z' },
  ],
  incidents: [
    {
      kind: 'helpfulness-drop',
      start: '2026-11-26T12:30:00.000Z',
      end: '2026-11-26T14:00:00.000Z',
      severity: 0.12,
    },
    {
      kind: 'cost-spike',
      start: '2026-11-26T12:30:00.000Z',
      end: '2026-11-26T14:00:00.000Z',
      severity: 0.55,
    },
    {
      kind: 'error-burst',
      start: '2026-11-26T13:25:00.000Z',
      end: '2026-11-26T13:35:00.000Z',
      severity: 0.15,
    },
  ],
};

/** Writes the quickstart dataset into `dir`: `records.jsonl` (production traffic) and `eval-summary.json` (an offline eval run). */
export async function writeQuickstartExample(
  dir: string,
): Promise<{ recordsPath: string; evalSummaryPath: string; records: number }> {
  await mkdir(dir, { recursive: true });
  const recordsPath = join(dir, 'records.jsonl');
  const evalSummaryPath = join(dir, 'eval-summary.json');
  const { count } = await writeJsonl(generateSupportBotTraffic(quickstartTrafficOptions), recordsPath);
  const summary = generateOfflineEvalSummary({
    seed: 'slokit-quickstart',
    samples: 200,
    name: 'support-bot-eval-2026-11-26',
    timestamp: '2026-11-26T13:30:00.000Z',
  });
  await writeFile(evalSummaryPath, JSON.stringify(summary, null, 2) + '\n');
  return { recordsPath, evalSummaryPath, records: count };
}
