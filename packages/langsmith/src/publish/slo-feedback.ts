import { formatValue, type SloReport } from '@slokit/core';
import { feedbackId } from './feedback-id.js';

/** The project-level feedback one SLO result becomes. */
export interface SloFeedback {
  id: string;
  /** `slo.<name>`. */
  key: string;
  /** The SLI value, rounded to the 4 decimal places LangSmith stores; null without data. */
  score: number | null;
  /** The status: ok, at_risk, warning, critical, no_data, insufficient_data. */
  value: string;
  /** One line: value, objective, window, status, samples and check. */
  comment: string;
  /** `feedback_source.metadata`: the objective in fields, for tools. */
  sourceInfo: Record<string, unknown>;
}

const opSymbols = { gte: '≥', gt: '>', lte: '≤', lt: '<' } as const;

/**
 * What slokit writes back for an SLO: only its name, value, status, objective, window and sample count; never
 * labels, descriptions, record contents or credentials. The id derives from the check id, the target (project or
 * experiment) and the SLO name.
 */
export function sloFeedback(
  slo: SloReport,
  options: { checkId: string; at: string; targetId: string },
): SloFeedback {
  const score = slo.value === null || !Number.isFinite(slo.value) ? null : Number(slo.value.toFixed(4));
  const objective = `${opSymbols[slo.op]} ${formatValue(slo.target, slo.unit, true)}`;
  const window = slo.window === null ? 'over all records' : `over ${slo.window}`;
  const value = slo.value === null ? 'no value' : formatValue(slo.value, slo.unit);
  return {
    id: feedbackId(`${options.checkId}\n${options.targetId}\n${slo.name}`),
    key: `slo.${slo.name}`,
    score,
    value: slo.status,
    comment: `${slo.name}: ${value}, objective ${objective} ${window}: ${slo.status.replace('_', ' ')} (${slo.samples} samples; slokit check ${options.checkId})`,
    sourceInfo: {
      tool: 'slokit',
      check_id: options.checkId,
      at: options.at,
      slo: slo.name,
      status: slo.status,
      value: slo.value,
      samples: slo.samples,
      op: slo.op,
      target: slo.target,
      warning: slo.warning,
      critical: slo.critical,
      window: slo.window,
      unit: slo.unit,
    },
  };
}
