import { fileURLToPath } from 'node:url';
import type { ResolvedConfig } from '@slokit/core';
import { loadConfig } from '@slokit/engine';
import { fillEnvReferences } from './fill-env-references.js';

/** The app's directory (`apps/example`): `src/config/` and `dist/config/` both sit two levels below it. */
export const appDirectory = fileURLToPath(new URL('../../', import.meta.url));

/** `apps/example/slokit.config.ts`, the config a user copies. */
export const configFile = fileURLToPath(new URL('../../slokit.config.ts', import.meta.url));

/**
 * Loads `slokit.config.ts` with the given environment, exactly as `slokit` does, and fills its `${VAR}` references
 * from that environment (never from `process.env`, so the demo cannot touch a real account by accident).
 */
export async function loadSupportBotConfig(
  env: Record<string, string | undefined>,
  file: string = configFile,
): Promise<ResolvedConfig> {
  return fillEnvReferences(await loadConfig(file, { env }), env);
}
