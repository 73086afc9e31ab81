import type { Random } from './random.js';

const MEAN_GAP_MS = 12 * 3_600_000;

export type BurstErrorKind = 'rate-limit' | 'upstream';

/** A short unplanned stretch of failures, as when a provider rate-limits or has a blip. */
export interface ErrorBurst {
  startMs: number;
  endMs: number;
  errorProbability: number;
  kind: BurstErrorKind;
  /** The one model affected, or undefined for all. */
  model: string | undefined;
}

/** The unplanned error bursts of normal operations: a few a day, each one to four minutes long. */
export class BackgroundErrorBursts {
  private burst: ErrorBurst;

  constructor(
    private readonly random: Random,
    startMs: number,
    private readonly models: readonly string[],
  ) {
    this.burst = this.nextBurst(startMs);
  }

  /** The burst in progress at `timeMs`, if any. Times must not go backwards. */
  at(timeMs: number): ErrorBurst | undefined {
    while (this.burst.endMs <= timeMs) this.burst = this.nextBurst(this.burst.endMs);
    return this.burst.startMs <= timeMs ? this.burst : undefined;
  }

  private nextBurst(afterMs: number): ErrorBurst {
    const startMs = afterMs + Math.round(this.random.exponential(MEAN_GAP_MS));
    const endMs = startMs + this.random.int(1, 4) * 60_000;
    const errorProbability = 0.05 + 0.2 * this.random.next();
    const kind: BurstErrorKind = this.random.chance(0.6) ? 'rate-limit' : 'upstream';
    const model = this.random.chance(0.5)
      ? this.models[this.random.int(0, this.models.length - 1)]
      : undefined;
    return { startMs, endMs, errorProbability, kind, model };
  }
}
