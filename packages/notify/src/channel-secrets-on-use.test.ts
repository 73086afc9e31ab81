import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@slokit/core';
import { loadConfig } from '@slokit/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannel } from './create-channel.js';

const yaml = `
sources:
  prod: { type: file, path: ./records.jsonl }
slos:
  - name: p95
    sli: { metric: latency_ms, aggregate: p95 }
    objective: { op: lte, target: 2000 }
channels:
  slack: { type: slack, webhookUrl: '\${SLACK_WEBHOOK_URL}' }
  ops: { type: webhook, url: 'https://hooks.example.com/\${HOOK_TOKEN:-public}' }
`;

describe("a channel's secrets", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'slokit-channel-env-'));
    await writeFile(join(dir, 'slokit.yaml'), yaml);
    await writeFile(join(dir, 'records.jsonl'), '');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('need not be set to load the config (check, report and silence list never use them)', async () => {
    const config = await loadConfig(undefined, { cwd: dir, env: {} });
    expect(config.channels.slack).toMatchObject({ webhookUrl: '${SLACK_WEBHOOK_URL}' });
    expect(config.channels.ops).toMatchObject({ url: 'https://hooks.example.com/public' });
  });

  it('are read when the channel is built, and a missing one names the channel field and the variable', async () => {
    const config = await loadConfig(undefined, { cwd: dir, env: {} });
    const missing = createChannel('slack', config, { env: {} });
    await expect(missing).rejects.toThrow(ConfigError);
    await expect(missing).rejects.toThrow(
      'slokit.yaml: channels.slack.webhookUrl: environment variable SLACK_WEBHOOK_URL is not set',
    );
    const channel = await createChannel('slack', config, {
      env: { SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/secret' },
    });
    expect(channel).toMatchObject({ name: 'slack', type: 'slack' });
  });

  it('that are unset in a source or the store still fail at load', async () => {
    const sourceYaml = yaml.replace('./records.jsonl', "'${RECORDS_PATH}'");
    await writeFile(join(dir, 'slokit.yaml'), sourceYaml);
    await expect(loadConfig(undefined, { cwd: dir, env: {} })).rejects.toThrow(
      'sources.prod.path: environment variable RECORDS_PATH is not set',
    );
    await writeFile(join(dir, 'slokit.yaml'), yaml);
  });
});
