import { type DroppedKeys, safeSet } from '@slokit/core';
import type { Assessment } from '../client/mlflow-schemas.js';

export interface AssessmentValues {
  /** Numeric and boolean feedback by assessment name; "yes"/"no" as true/false. */
  scores: Record<string, number | boolean> | undefined;
  /** Other string feedback (a category, a label) by assessment name. */
  labels: Record<string, string> | undefined;
}

/**
 * A trace's Feedback assessments as record scores. For each name the most recently updated valid feedback counts
 * (an override marks the one it replaces invalid); feedback that carries an error, and expectations (ground truth),
 * are not scores. Numbers stay numbers, booleans stay booleans (slokit counts them as 1/0 in means, as MLflow's
 * `<name>/mean` does), and "yes"/"no" ratings become true/false, so a judge mixing both gives one boolean score.
 */
export function assessmentValues(
  assessments: readonly Assessment[] | undefined,
  dropped?: DroppedKeys,
): AssessmentValues {
  if (assessments === undefined || assessments.length === 0) return { scores: undefined, labels: undefined };
  const latest = new Map<string, Assessment>();
  for (const assessment of assessments) {
    const name = assessment.assessment_name;
    const feedback = assessment.feedback;
    if (name === undefined || feedback === undefined || assessment.valid === false) continue;
    if (feedback.error !== undefined && feedback.value === undefined) continue;
    const seen = latest.get(name);
    if (seen === undefined || updatedAt(assessment) >= updatedAt(seen)) latest.set(name, assessment);
  }
  let scores: Record<string, number | boolean> | undefined;
  let labels: Record<string, string> | undefined;
  for (const [name, assessment] of latest) {
    const value = assessment.feedback?.value;
    const score = feedbackScore(value);
    if (score !== undefined) {
      scores ??= {};
      safeSet(scores, name, score, dropped, `scores.${name}`);
    } else if (typeof value === 'string' && value.trim() !== '') {
      labels ??= {};
      safeSet(labels, name, value, dropped, `feedback.${name}`);
    }
  }
  return { scores, labels };
}

/** A feedback value as a score: finite numbers, booleans, and "yes"/"no" (any case) as true/false. */
export function feedbackScore(value: unknown): number | boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (word === 'yes') return true;
    if (word === 'no') return false;
  }
  return undefined;
}

function updatedAt(assessment: Assessment): number {
  return Date.parse(assessment.last_update_time ?? assessment.create_time ?? '') || 0;
}
