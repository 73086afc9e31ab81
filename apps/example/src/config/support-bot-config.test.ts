import { createHmac } from 'node:crypto';
import { type AlertBatch, ConfigError, type SourceContext } from '@slokit/core';
import { createSource } from '@slokit/engine';
import { langSmithSourceConfigSchema, resolveConnection } from '@slokit/langsmith';
import { resolveMlflowConnection } from '@slokit/mlflow';
import { createChannels, sampleAlertBatch } from '@slokit/notify';
import { resolveWeaveSettings } from '@slokit/weave';
import { describe, expect, it } from 'vitest';
import { configFile, loadSupportBotConfig } from './support-bot-config.js';

/** What a team running the app against its real accounts would export (made-up values of the right shape). */
const realEnv = {
  LANGSMITH_API_KEY: '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',
  LANGSMITH_ENDPOINT: 'https://eu.api.smith.langchain.com',
  LANGSMITH_PROJECT: 'acme-support-prod',
  MLFLOW_TRACKING_URI: 'https://mlflow.acme.internal/mlflow',
  MLFLOW_TRACKING_TOKEN: 'mlflow-token-7d3e0a9c',
  MLFLOW_EXPERIMENT_NAME: 'acme-support-evals',
  WANDB_API_KEY: '0123456789abcdef0123456789abcdef01234567',
  WANDB_ENTITY: 'acme',
  WANDB_PROJECT: 'support',
  SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/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',
  PAGERDUTY_ROUTING_KEY: 'R0123456789ABCDEF0123456789ABCDE',
  SMTP_URL: 'smtps://alerts%40acme.com:app-password@smtp.acme.com:465',
  ALERT_EMAIL_TO: 'ml-oncall@acme.com',
  ALERT_WEBHOOK_URL: 'https://ops.acme.com/hooks/slokit',
  ALERT_WEBHOOK_SECRET: `whsec_${Buffer.from('a-32-byte-secret-for-the-webhook').toString('base64')}`,
};

interface Posted {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A fetch that records what a channel posts instead of sending it anywhere. */
function recordingFetch(posted: Posted[]): typeof fetch {
  return async (input, init) => {
    posted.push({
      url: String(input),
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: String(init?.body),
    });
    const answer = String(input).startsWith('https://hooks.slack.com') ? 'ok' : '{"status":"success"}';
    return new Response(answer, { status: String(input).includes('pagerduty') ? 202 : 200 });
  };
}

describe('slokit.config.ts', () => {
  it('takes every account, endpoint and secret from the environment it is given', async () => {
    const config = await loadSupportBotConfig(realEnv);
    expect(config.sources).toEqual({
      prod: { type: 'langsmith', project: 'acme-support-prod' },
      evals: { type: 'mlflow', experiment: 'acme-support-evals', runs: 'latest' },
      'weave-evals': { type: 'weave', project: 'acme/support', evaluations: 'latest' },
    });
    expect(config.publish).toEqual(['prod', 'evals', 'weave-evals']);
    expect(config.store).toEqual({
      kind: 'sqlite',
      path: configFile.replace(/slokit\.config\.ts$/, '.slokit/state.db'),
    });

    // Each adapter reads its tracker where the environment says, with the key it gives.
    const context: SourceContext = { baseDir: config.baseDir, env: realEnv, configFile: config.file! };
    const langsmith = resolveConnection(
      'prod',
      langSmithSourceConfigSchema.parse(config.sources.prod),
      context,
    );
    expect(langsmith).toMatchObject({
      apiUrl: 'https://eu.api.smith.langchain.com',
      apiKey: realEnv.LANGSMITH_API_KEY,
      apiKeyVariable: 'LANGSMITH_API_KEY',
    });
    const mlflow = resolveMlflowConnection(realEnv);
    expect(mlflow.trackingUri).toBe('https://mlflow.acme.internal/mlflow');
    expect(mlflow.auth).toEqual({ type: 'bearer', token: realEnv.MLFLOW_TRACKING_TOKEN });
    const weave = resolveWeaveSettings('weave-evals', config.sources['weave-evals'], context);
    expect(weave).toMatchObject({
      projectId: 'acme/support',
      apiKey: realEnv.WANDB_API_KEY,
      urls: { traceServer: 'https://trace.wandb.ai', app: 'https://wandb.ai' },
    });

    // Every channel passes @slokit/notify's settings checks, and posts to the URL the environment gives.
    expect(config.channels.email).toMatchObject({
      smtp: realEnv.SMTP_URL,
      to: 'ml-oncall@acme.com',
      schedule: 'daily',
    });
    const posted: Posted[] = [];
    const channels = await createChannels(config, { env: realEnv, fetch: recordingFetch(posted) });
    expect(Object.keys(channels)).toEqual(['slack', 'pagerduty', 'email', 'webhook']);
    const batch: AlertBatch = sampleAlertBatch({ channel: 'x' });
    await channels.slack!.send(batch);
    await channels.pagerduty!.send({ ...batch, events: batch.events.slice(0, 1) });
    await channels.webhook!.send(batch);
    expect(posted.map((request) => request.url)).toEqual([
      realEnv.SLACK_WEBHOOK_URL,
      'https://events.pagerduty.com/v2/enqueue',
      realEnv.ALERT_WEBHOOK_URL,
    ]);
    expect(JSON.parse(posted[1]!.body).routing_key).toBe(realEnv.PAGERDUTY_ROUTING_KEY);
    const webhook = posted[2]!;
    const signature = createHmac(
      'sha256',
      Buffer.from(realEnv.ALERT_WEBHOOK_SECRET.slice('whsec_'.length), 'base64'),
    )
      .update(`${webhook.headers['webhook-id']}.${webhook.headers['webhook-timestamp']}.${webhook.body}`)
      .digest('base64');
    expect(webhook.headers['webhook-signature']).toBe(`v1,${signature}`);
  });

  it('uses the EU PagerDuty region when PAGERDUTY_EVENTS_URL says so', async () => {
    const env = { ...realEnv, PAGERDUTY_EVENTS_URL: 'https://events.eu.pagerduty.com/v2/enqueue' };
    const config = await loadSupportBotConfig(env);
    const posted: Posted[] = [];
    const channels = await createChannels(config, { env, fetch: recordingFetch(posted) });
    await channels.pagerduty!.send(sampleAlertBatch({ channel: 'pagerduty' }));
    expect(new Set(posted.map((request) => request.url))).toEqual(
      new Set(['https://events.eu.pagerduty.com/v2/enqueue']),
    );
  });

  it('fails to load without the environment, naming each missing variable and where it is used', async () => {
    const error = await loadSupportBotConfig({}).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      { path: 'channels.slack.webhookUrl', message: 'environment variable SLACK_WEBHOOK_URL is not set' },
      {
        path: 'channels.pagerduty.routingKey',
        message: 'environment variable PAGERDUTY_ROUTING_KEY is not set',
      },
      { path: 'channels.email.smtp', message: 'environment variable SMTP_URL is not set' },
      { path: 'channels.webhook.url', message: 'environment variable ALERT_WEBHOOK_URL is not set' },
      { path: 'channels.webhook.secret', message: 'environment variable ALERT_WEBHOOK_SECRET is not set' },
    ]);
    expect((error as Error).message.split('\n')[0]).toMatch(
      /slokit\.config\.ts: channels\.slack\.webhookUrl: environment variable SLACK_WEBHOOK_URL is not set$/,
    );
  });

  it('names the API key variables of each tracker when they are not set', async () => {
    const channelsOnly = Object.fromEntries(
      Object.entries(realEnv).filter(([name]) => !/^(LANGSMITH|LANGCHAIN|MLFLOW|WANDB)_/.test(name)),
    );
    const config = await loadSupportBotConfig(channelsOnly);
    const messages: Record<string, string> = {};
    for (const name of Object.keys(config.sources)) {
      messages[name] = await createSource(name, config, { env: channelsOnly }).then(
        () => 'created',
        (error: Error) => error.message,
      );
    }
    expect(messages.prod).toMatch(/LANGSMITH_API_KEY.*LANGCHAIN_API_KEY/);
    expect(messages.evals).toContain('MLFLOW_TRACKING_URI');
    expect(messages['weave-evals']).toContain('WANDB_API_KEY');
  });
});
