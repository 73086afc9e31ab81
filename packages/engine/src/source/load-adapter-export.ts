import { ConfigError, type ResolvedConfig } from '@slokit/core/internal';

/**
 * Loads `@slokit/<type>` for a configured source and returns one of its exports (`createEvalSource`,
 * `createPublisher`), with config errors that say which package to install or what it lacks.
 */
export async function loadAdapterExport<Factory>(
  config: ResolvedConfig,
  sourceName: string,
  type: string,
  exportName: string,
  purpose: string,
): Promise<Factory> {
  const packageName = `@slokit/${type}`;
  const path = `sources.${sourceName}.type`;
  let adapter: Record<string, unknown>;
  try {
    adapter = (await import(packageName)) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(
      config.file,
      [{ path, message: `${purpose} '${type}' needs the package ${packageName}: npm i -D ${packageName}` }],
      {
        cause: error,
      },
    );
  }
  const factory = adapter[exportName];
  if (typeof factory !== 'function') {
    throw new ConfigError(config.file, [
      { path, message: `${packageName} does not export ${exportName}; is it a slokit adapter?` },
    ]);
  }
  return factory as Factory;
}
