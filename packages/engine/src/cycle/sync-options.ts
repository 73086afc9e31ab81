import type { EvalSource, ResolvedConfig, SourceFactory, StateStore } from '@slokit/core/internal';

export interface SyncProgress {
  source: string;
  records: number;
}

export interface SyncOptions {
  config: ResolvedConfig;
  store: StateStore;
  /** The cycle's time: windows end here, the alert policy's timers use it. Default: now. */
  now?: Date;
  /** Read from here instead of the cursor (backfills, replays); refused when it reaches before the kept record ids. */
  since?: Date;
  /** Forget every counted record id and history bucket first, and rebuild history from `since` (or the backfill). */
  rebuild?: boolean;
  /** Compute and report everything, write nothing. */
  dryRun?: boolean;
  /** This process's identity for locks and leases. */
  owner: string;
  /** Several workers share the sources by leases (Postgres); otherwise one global lock. */
  scaleOut?: boolean;
  /** How long a lock or lease lasts without renewal (wall-clock ms); renewed every third of it. Default 2 minutes. */
  leaseTtlMs?: number;
  sources?: Record<string, EvalSource>;
  sourceFactories?: Record<string, SourceFactory>;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** Wall clock for leases, which must not follow a simulated `now`. */
  wallClock?: () => number;
}
