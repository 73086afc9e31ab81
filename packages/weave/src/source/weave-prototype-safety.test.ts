import type { EvalRecord, RecordIssue } from '@slokit/core';
import { startWeaveEmulator, type WeaveEmulator } from '@slokit/testkit/weave';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveWeaveSettings } from '../settings/weave-source-config.js';
import { createWeaveSource } from './weave-eval-source.js';

const project = 'acme/hostile';
let emulator: WeaveEmulator;

/** Posts raw JSON: an object literal could not carry an own `__proto__` key. */
async function post(path: string, json: string): Promise<void> {
  const response = await fetch(`${emulator.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`api:${emulator.apiKey}`).toString('base64')}`,
    },
    body: json,
  });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  emulator = await startWeaveEmulator();
  await post(
    '/call/start',
    `{"start": {"project_id": "${project}", "id": "call-1", "trace_id": "trace-1", "op_name": "answer_question",
      "started_at": "2026-11-26T13:00:00Z", "inputs": {},
      "attributes": {"__proto__": "https://attacker.example/attr", "constructor": "x", "prototype": "y", "tenant": "acme"}}}`,
  );
  await post(
    '/call/end',
    `{"end": {"project_id": "${project}", "id": "call-1", "ended_at": "2026-11-26T13:00:01Z", "summary": {}}}`,
  );
});
afterAll(() => emulator.stop());
afterEach(() => {
  delete (Object.prototype as Record<string, unknown>).url;
});

describe('weave source on hostile call attributes', () => {
  it('keeps keys that would reach an object prototype out of records, and reports them', async () => {
    const settings = resolveWeaveSettings(
      'prod',
      { type: 'weave', project, ops: ['answer_question'] },
      { baseDir: '.', env: { WANDB_API_KEY: emulator.apiKey, WF_TRACE_SERVER_URL: emulator.url } },
    );
    const records: EvalRecord[] = [];
    const issues: RecordIssue[] = [];
    for await (const batch of createWeaveSource(settings).readRecords()) {
      records.push(...batch.records);
      issues.push(...batch.issues);
    }
    expect(({} as Record<string, unknown>).url).toBeUndefined();
    expect(records).toHaveLength(1);
    const metadata = records[0]!.metadata!;
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect(Object.keys(metadata).sort()).toEqual(['op', 'tenant']);
    expect(issues).toEqual([
      {
        source: 'prod',
        location: `weave project ${project}, call call-1`,
        message:
          'dropped keys that would reach an object prototype: attributes.__proto__, attributes.constructor, attributes.prototype',
      },
    ]);
  });
});
