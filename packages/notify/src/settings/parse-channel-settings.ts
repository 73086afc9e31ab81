import { ConfigError } from '@slokit/core';
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
      path: formatPath(['channels', name, ...issue.path]),
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

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$-]*$/.test(segment))
      text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}
