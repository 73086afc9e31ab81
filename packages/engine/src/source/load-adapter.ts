import { type AdapterV1, ConfigError, type ResolvedConfig } from '@slokit/core/internal';

/**
 * Loads the adapter package `@slokit/<type>` of a configured source: its `adapter` export (or default export), an
 * `AdapterV1` declared with `defineAdapter`. Config errors say which package to install or what it lacks.
 */
export async function loadAdapter(
  config: ResolvedConfig,
  sourceName: string,
  type: string,
  purpose: string,
): Promise<AdapterV1> {
  const packageName = `@slokit/${type}`;
  const path = `sources.${sourceName}.type`;
  let module: Record<string, unknown>;
  try {
    module = (await import(packageName)) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(
      config.file,
      [{ path, message: `${purpose} '${type}' needs the package ${packageName}: npm i -D ${packageName}` }],
      { cause: error },
    );
  }
  const adapter = (module.adapter ?? module.default) as Partial<AdapterV1> | undefined;
  if (adapter?.specificationVersion !== 'v1' || typeof adapter.createSource !== 'function') {
    throw new ConfigError(config.file, [
      {
        path,
        message: `${packageName} does not export an adapter of specification v1 (\`export const adapter = defineAdapter({ specificationVersion: 'v1', ... })\`); is it a slokit adapter of this version?`,
      },
    ]);
  }
  return adapter as AdapterV1;
}
