import type { EvalRecord } from '../record/eval-record.js';

/** The end of the conformance data: every record lies in the two hours before it. */
export const conformanceEnd = Date.parse('2026-11-26T14:00:00.000Z');

/**
 * 240 deterministic records over two hours, one every 30 s: ids `conf-001`…, latencies 50–9,000 ms, every 20th an
 * error, a boolean and a numeric score, costs and tokens. What every source must be able to store and read back.
 */
export function conformanceRecords(): EvalRecord[] {
  const records: EvalRecord[] = [];
  for (let index = 0; index < 240; index++) {
    const time = conformanceEnd - 2 * 3_600_000 + (index + 1) * 30_000;
    const isError = index % 20 === 7;
    const record: EvalRecord = {
      id: `conf-${String(index + 1).padStart(3, '0')}`,
      timestamp: new Date(time).toISOString(),
      latency_ms: 50 + ((index * 7919) % 8951),
      status: isError ? 'error' : 'success',
      cost_usd: Math.round((0.001 + (index % 13) * 0.0007) * 1e6) / 1e6,
      tokens: { prompt: 400 + (index % 50) * 10, completion: 50 + (index % 17) * 5, total: 0 },
      metadata: { model: index % 3 === 0 ? 'gpt-4o' : 'gpt-4o-mini' },
    };
    record.tokens!.total = record.tokens!.prompt! + record.tokens!.completion!;
    if (isError) record.error = 'upstream 503';
    else
      record.scores = {
        correctness: index % 9 !== 0,
        helpfulness: Math.round((0.5 + ((index * 37) % 50) / 100) * 100) / 100,
      };
    records.push(record);
  }
  return records;
}
