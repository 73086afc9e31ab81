import { ConfigError, type SourceContext } from '@slokit/core';
import { formatConfigPath } from '@slokit/core/internal';
import type { z } from 'zod';

/**
 * Validates an adapter's part of the config with its own schema, so errors name the config path
 * (`sources.prod.project`) and the file, like the rest of the config.
 */
export function parseSourceConfig<Schema extends z.ZodType>(
  schema: Schema,
  name: string,
  config: unknown,
  context: Pick<SourceContext, 'configFile'>,
): z.infer<Schema> {
  const parsed = schema.safeParse(config);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    context.configFile,
    parsed.error.issues.map((issue) => ({
      path: formatConfigPath(['sources', name, ...issue.path]),
      message: issue.message,
    })),
  );
}
