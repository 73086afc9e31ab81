import {
  type ChannelV1,
  ConfigError,
  type ConfigProblem,
  type ResolvedConfig,
  SlokitError,
} from '@slokit/core';
import { interpolateEnv } from '@slokit/core/internal';
import type { z } from 'zod';
import type { ChannelFactory, ChannelFactoryOptions } from './channel-factory.js';
import { parseChannelSettings } from './settings/parse-channel-settings.js';

/** The channel types of this package, each loaded only when a channel of its type is built. */
const channelModules: Record<string, () => Promise<Record<string, unknown>>> = {
  slack: () => import('./channels/slack.js'),
  teams: () => import('./channels/teams.js'),
  discord: () => import('./channels/discord.js'),
  webhook: () => import('./channels/webhook.js'),
  console: () => import('./channels/console.js'),
  email: () => import('./channels/email.js'),
  pagerduty: () => import('./channels/pagerduty.js'),
  alertmanager: () => import('./channels/alertmanager.js'),
};

export const channelTypes = Object.keys(channelModules);

export interface CreateChannelOptions {
  env?: Record<string, string | undefined>;
  /** Factories by channel type, used before the built-in ones: tests, and types from other packages. */
  factories?: Record<string, ChannelFactory>;
  /** Injectable for tests: the HTTP client of the HTTP channels. */
  fetch?: typeof globalThis.fetch;
}

/**
 * Builds the channel `channels.<name>` of the config: validates its settings with the zod schema of its type (a
 * ConfigError naming `channels.<name>.<field>` and the file, exit 2) and calls the type's factory, loading the
 * type's module (and its libraries, such as nodemailer) only now.
 */
export async function createChannel(
  name: string,
  config: ResolvedConfig,
  options: CreateChannelOptions = {},
): Promise<ChannelV1> {
  const block = config.channels[name];
  if (block === undefined) {
    throw new ConfigError(config.file, [
      {
        path: `channels.${name}`,
        message: `no such channel (configured: ${Object.keys(config.channels).join(', ') || 'none'})`,
      },
    ]);
  }
  // `${VAR}` in a channel's settings is resolved when the channel is used: a missing variable fails only then.
  const resolved = interpolateEnv(block, options.env ?? process.env, config.file, {
    basePath: ['channels', name],
  }) as typeof block;
  const { type, ...settings } = resolved;
  const factoryOptions: ChannelFactoryOptions = {
    env: options.env ?? process.env,
    ...(config.file === undefined ? {} : { configFile: config.file }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  const custom = options.factories?.[type];
  if (custom) return custom(name, settings, factoryOptions);
  const load = channelModules[type];
  if (!load) {
    throw new ConfigError(config.file, [
      {
        path: `channels.${name}.type`,
        message: `unknown channel type '${type}' (known: ${channelTypes.join(', ')})`,
      },
    ]);
  }
  const module = await load();
  const factory = exported<ChannelFactory>(module, `create${type}channel`);
  const schema = exported<z.ZodType>(module, `${type}channelsettingsschema`);
  if (typeof factory !== 'function' || schema === undefined) {
    throw new Error(`@slokit/notify: the ${type} channel module lacks its factory or settings schema`);
  }
  // Schemas describe the settings without `type`; one that declares `type` itself gets the whole block.
  const withType =
    'shape' in schema && typeof schema.shape === 'object' && schema.shape !== null && 'type' in schema.shape;
  const parsed = parseChannelSettings(schema, name, withType ? resolved : settings, config.file);
  if (resolved.schedule !== undefined && typeof resolved.schedule === 'string') {
    const channel = await factory(name, parsed, factoryOptions);
    if (!channel.sendDigest) {
      throw new ConfigError(config.file, [
        { path: `channels.${name}.schedule`, message: `a ${type} channel does not send scheduled reports` },
      ]);
    }
    return channel;
  }
  return factory(name, parsed, factoryOptions);
}

/**
 * Builds every configured channel, so a command can check the whole `channels` block at once: one ConfigError
 * listing every problem.
 */
export async function createChannels(
  config: ResolvedConfig,
  options: CreateChannelOptions = {},
): Promise<Record<string, ChannelV1>> {
  const channels: Record<string, ChannelV1> = {};
  const problems: ConfigProblem[] = [];
  for (const name of Object.keys(config.channels)) {
    try {
      channels[name] = await createChannel(name, config, options);
    } catch (error) {
      if (!(SlokitError.isInstance(error) && 'problems' in error)) throw error;
      problems.push(...(error as ConfigError).problems);
    }
  }
  if (problems.length > 0) throw new ConfigError(config.file, problems);
  return channels;
}

/** Whether `channels.<name>` has `schedule: daily`: it gets no single alerts, only the daily report. */
export function isDigestChannel(config: ResolvedConfig, name: string): boolean {
  return config.channels[name]?.schedule === 'daily';
}

function exported<T>(module: Record<string, unknown>, lowerCaseName: string): T | undefined {
  const key = Object.keys(module).find((candidate) => candidate.toLowerCase() === lowerCaseName);
  return key === undefined ? undefined : (module[key] as T);
}
