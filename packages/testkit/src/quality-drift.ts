import type { Random } from './random.js';

const STEP_MS = 15 * 60_000;
/** Share of the offset kept per step: offsets revert towards 0 over roughly a day. */
const PERSISTENCE = 0.97;
const STEP_SIGMA = 0.004;
const LIMIT = 0.05;

/**
 * Slow, mean-reverting random walks added to a model's accuracy and helpfulness, so quality wanders a little
 * over hours and days the way judged production quality does. Steps follow the clock, not the request count,
 * so the walk is the same at any request rate.
 */
export class QualityDrift {
  accuracy: number;
  helpfulness: number;
  private nextStepMs: number;

  constructor(
    private readonly random: Random,
    startMs: number,
  ) {
    this.accuracy = this.clamp(random.normal() * 0.02);
    this.helpfulness = this.clamp(random.normal() * 0.02);
    this.nextStepMs = startMs + STEP_MS;
  }

  advanceTo(timeMs: number): void {
    while (this.nextStepMs <= timeMs) {
      this.accuracy = this.clamp(this.accuracy * PERSISTENCE + this.random.normal() * STEP_SIGMA);
      this.helpfulness = this.clamp(this.helpfulness * PERSISTENCE + this.random.normal() * STEP_SIGMA);
      this.nextStepMs += STEP_MS;
    }
  }

  private clamp(offset: number): number {
    return Math.min(LIMIT, Math.max(-LIMIT, offset));
  }
}
