import type { ResolvedSlo } from '../slo/resolved-slo.js';
import type { SourceConfig } from './config-schema.js';
import type { ChannelConfig, RouteConfig } from './routing-schema.js';

export const resolvedConfigMarker: unique symbol = Symbol.for('slokit.resolvedConfig');

/** A validated config with every default applied; what `check()` takes. */
export interface ResolvedConfig {
  readonly [resolvedConfigMarker]: true;
  version: 1;
  /** The file the config came from, when it came from one. */
  file?: string;
  /** Relative paths in sources resolve against this directory. */
  baseDir: string;
  sources: Record<string, SourceConfig>;
  slos: ResolvedSlo[];
  /** Where sync keeps its state. */
  store: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
  sync: { overlapMs: number; backfillMs: number; everyMs?: number; staleAfterMs?: number };
  /** Sources whose trackers get results after each sync. */
  publish: string[];
  maintenance: Array<{ from: number; to: number; slos: string[] | null; reason: string }>;
  channels: Record<string, ChannelConfig>;
  routes: RouteConfig[];
}

export function isResolvedConfig(value: unknown): value is ResolvedConfig {
  return typeof value === 'object' && value !== null && resolvedConfigMarker in value;
}
