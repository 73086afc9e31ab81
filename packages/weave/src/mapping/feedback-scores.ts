import { type DroppedKeys, safeSet } from '@slokit/core';
import { flattenScores } from './flatten-scores.js';

export interface FeedbackScores {
  scores: Record<string, number | boolean>;
  /** Every feedback type found on the call, sorted. */
  types: string[];
}

const runnablePrefix = 'wandb.runnable.';
const annotationPrefix = 'wandb.annotation.';

/**
 * Scores from a call's feedback (`summary.weave.feedback`, with `include_feedback`): a scorer's or monitor's
 * `wandb.runnable.<name>` feedback gives `scores.<name>` from its `payload.output` (a dict gives dotted names); a
 * human `wandb.annotation.<name>` gives `scores.<name>` from a number or boolean `payload.value`. When a call was
 * scored more than once, the latest feedback wins.
 */
export function feedbackScores(feedback: readonly unknown[], dropped?: DroppedKeys): FeedbackScores {
  const scores: Record<string, number | boolean> = {};
  const types = new Set<string>();
  const entries = feedback.filter(
    (entry): entry is Record<string, unknown> =>
      entry !== null && typeof entry === 'object' && !Array.isArray(entry),
  );
  entries.sort((a, b) => String(a.created_at ?? '').localeCompare(String(b.created_at ?? '')));
  for (const entry of entries) {
    const type = entry.feedback_type;
    if (typeof type !== 'string') continue;
    types.add(type);
    const payload = entry.payload as Record<string, unknown> | null | undefined;
    if (payload === null || typeof payload !== 'object') continue;
    if (type.startsWith(runnablePrefix)) {
      flattenScores(type.slice(runnablePrefix.length), payload.output, scores, dropped);
    } else if (type.startsWith(annotationPrefix)) {
      const value = payload.value;
      if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))
        safeSet(
          scores,
          type.slice(annotationPrefix.length),
          value,
          dropped,
          `scores.${type.slice(annotationPrefix.length)}`,
        );
    }
  }
  return { scores, types: [...types].sort() };
}
