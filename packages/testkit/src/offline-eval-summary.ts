import { Random } from './random.js';

/** The summary an offline eval run leaves behind: aggregate metrics over a fixed example set. */
export interface OfflineEvalSummary {
  metrics: { accuracy: number; helpfulness: number; faithfulness: number };
  samples: number;
  name: string;
  timestamp: string;
}

export interface OfflineEvalOptions {
  seed: string | number;
  /** Number of examples judged. */
  samples: number;
  name: string;
  /** ISO 8601 time of the run. */
  timestamp: string;
}

/**
 * Simulates judging an offline eval set example by example (correctness, helpfulness, faithfulness to the
 * retrieved context) and summarizes it the way eval runners do: metrics as means rounded to 3 decimals.
 */
export function generateOfflineEvalSummary(options: OfflineEvalOptions): OfflineEvalSummary {
  if (!(Number.isSafeInteger(options.samples) && options.samples > 0)) {
    throw new RangeError(`samples must be a positive integer, got ${options.samples}`);
  }
  const random = new Random(`${options.seed}/offline-eval`);
  let correct = 0;
  let helpfulnessSum = 0;
  let faithfulnessSum = 0;
  for (let i = 0; i < options.samples; i++) {
    const isCorrect = random.chance(0.88);
    if (isCorrect) correct++;
    helpfulnessSum += roundedScore(0.85 - (isCorrect ? 0 : 0.3) + 0.1 * random.normal());
    faithfulnessSum += roundedScore(0.92 - (isCorrect ? 0 : 0.2) + 0.06 * random.normal());
  }
  return {
    metrics: {
      accuracy: round3(correct / options.samples),
      helpfulness: round3(helpfulnessSum / options.samples),
      faithfulness: round3(faithfulnessSum / options.samples),
    },
    samples: options.samples,
    name: options.name,
    timestamp: options.timestamp,
  };
}

/** A judge score: clipped to [0, 1], two decimals. */
function roundedScore(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
