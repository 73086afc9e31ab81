import { ConfigError } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import { channelTypes, createChannel, createChannels, isDigestChannel } from './create-channel.js';
import { notifyConfig } from './test-support/notify-config.js';

describe('createChannel', () => {
  it('builds each built-in type from its settings', async () => {
    const config = notifyConfig({
      slack: { type: 'slack', webhookUrl: 'https://hooks.slack.com/services/T0/B0/x1' },
      teams: { type: 'teams', webhookUrl: 'https://example.webhook.office.com/x', format: 'messagecard' },
      discord: { type: 'discord', webhookUrl: 'https://discord.com/api/webhooks/1/x' },
      hook: { type: 'webhook', url: 'https://hooks.example.com/slo', headers: { 'X-Team': 'ml' } },
      console: { type: 'console', stream: 'stderr' },
    });
    for (const name of Object.keys(config.channels)) {
      const channel = await createChannel(name, config);
      expect(channel).toMatchObject({ specificationVersion: 'v1', name, type: config.channels[name]!.type });
    }
    expect(channelTypes).toEqual([
      'slack',
      'teams',
      'discord',
      'webhook',
      'console',
      'email',
      'pagerduty',
      'alertmanager',
    ]);
  });

  it('names the channel and the field of a bad setting, with the config file, and never the value', async () => {
    const config = {
      ...notifyConfig({ team: { type: 'slack', webhookUrl: 'xoxb-not-a-url', timeout: 'fast' } }),
      file: '/repo/slokit.yaml',
    };
    const error = await createChannel('team', config).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
    expect((error as Error).message).toBe(
      [
        '/repo/slokit.yaml: channels.team.webhookUrl: expected an http(s) URL',
        '/repo/slokit.yaml: channels.team.timeout: expected a duration such as 5s, 0.5s or 1m',
      ].join('\n'),
    );
    expect((error as Error).message).not.toContain('xoxb');
  });

  it('refuses a timeout a timer cannot hold (30d would fire after 1 ms), naming the field, for every channel', async () => {
    const config = {
      ...notifyConfig({
        slack: { type: 'slack', webhookUrl: 'https://hooks.slack.com/services/T0/B0/x1', timeout: '30d' },
        teams: { type: 'teams', webhookUrl: 'https://example.webhook.office.com/x', timeout: '25d' },
        discord: { type: 'discord', webhookUrl: 'https://discord.com/api/webhooks/1/x', timeout: '11m' },
        hook: { type: 'webhook', url: 'https://hooks.example.com/slo', timeout: '30d' },
        mail: { type: 'email', smtp: 'smtp://mail.example.com:587', to: 'a@example.com', timeout: '30d' },
        oncall: { type: 'pagerduty', routingKey: 'R'.repeat(32), timeout: '30d' },
        am: { type: 'alertmanager', url: 'http://alertmanager:9093', timeout: '1h' },
      }),
      file: '/repo/slokit.yaml',
    };
    const error = await createChannels(config, { env: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    const message = 'expected a duration above 0 and at most 10m (a request unanswered that long has failed)';
    expect((error as ConfigError).problems).toEqual(
      ['slack', 'teams', 'discord', 'hook', 'mail', 'oncall', 'am'].map((name) => ({
        path: `channels.${name}.timeout`,
        message,
      })),
    );
    const fine = notifyConfig({
      hook: { type: 'webhook', url: 'https://hooks.example.com/slo', timeout: '10m' },
    });
    expect((await createChannel('hook', fine)).type).toBe('webhook');
  });

  it('refuses an unknown type, a missing channel, and a schedule on a channel without reports', async () => {
    const config = notifyConfig({
      odd: { type: 'carrier-pigeon' },
      team: { type: 'console' },
      paged: { type: 'webhook', url: 'https://x.example.com', schedule: 'weekly' },
    });
    await expect(createChannel('odd', config)).rejects.toThrow(
      "channels.odd.type: unknown channel type 'carrier-pigeon' (known: slack, teams, discord, webhook, console, email, pagerduty, alertmanager)",
    );
    await expect(createChannel('nope', config)).rejects.toThrow(
      'channels.nope: no such channel (configured: odd, team, paged)',
    );
    await expect(createChannel('paged', config)).rejects.toThrow("channels.paged.schedule: expected 'daily'");
    const custom = await createChannel('odd', config, {
      factories: {
        'carrier-pigeon': (name) => ({
          specificationVersion: 'v1',
          name,
          type: 'carrier-pigeon',
          send: async () => {},
        }),
      },
    });
    expect(custom.type).toBe('carrier-pigeon');
  });

  it('createChannels reports every broken channel at once', async () => {
    const config = notifyConfig({
      a: { type: 'slack' },
      b: { type: 'webhook', url: 'https://x.example.com', secret: 'nope' },
      c: { type: 'console' },
    });
    const error = await createChannels(config).catch((caught: unknown) => caught);
    expect((error as ConfigError).problems.map((problem) => problem.path)).toEqual([
      'channels.a.webhookUrl',
      'channels.b.secret',
    ]);
    const fine = await createChannels(notifyConfig({ c: { type: 'console' } }));
    expect(Object.keys(fine)).toEqual(['c']);
  });

  it('knows digest channels', () => {
    const config = notifyConfig({ a: { type: 'console', schedule: 'daily' }, b: { type: 'console' } });
    expect(isDigestChannel(config, 'a')).toBe(true);
    expect(isDigestChannel(config, 'b')).toBe(false);
  });
});
