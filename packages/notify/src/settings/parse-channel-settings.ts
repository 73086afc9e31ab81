import { ConfigError } from '@slokit/core';
import { formatConfigPath } from '@slokit/core/internal';
import type { z } from 'zod';

/**
 * Validates a channel's settings with its schema; errors name the config path (`channels.team-slack.webhookUrl`)
 * and the file, never the value (it may be a secret).
 */
export function parseChannelSettings<Schema extends z.ZodType>(
  schema: Schema,
  name: string,
  settings: unknown,
  configFile?: string,
): z.output<Schema> {
  const parsed = schema.safeParse(settings);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    configFile,
    parsed.error.issues.map((issue) => ({
      path: formatConfigPath(['channels', name, ...issue.path]),
      message:
        issue.code === 'unrecognized_keys'
          ? `unknown setting ${issue.keys.map((key) => `'${key}'`).join(', ')}`
          : // A record key's own rule says what is wrong with it ("expected an HTTP header name").
            issue.code === 'invalid_key'
            ? (issue.issues[0]?.message ?? issue.message)
            : issue.message,
    })),
  );
}
