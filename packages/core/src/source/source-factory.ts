import type { SourceConfig } from '../config/config-schema.js';
import type { EvalSource } from './eval-source.js';

/** What an adapter gets besides its config entry: where the config lives and where to read secrets. */
export interface SourceContext {
  baseDir: string;
  configFile?: string;
  /** Where adapters read API keys; defaults to process.env. */
  env: Record<string, string | undefined>;
}

/** Builds a configured source of one type: what an adapter package provides. */
export type SourceFactory = (
  name: string,
  config: SourceConfig,
  context: SourceContext,
) => EvalSource | Promise<EvalSource>;
