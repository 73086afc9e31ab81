import type { AlertEventKind } from '../alerting/alert-policy.js';
import type { AlertLevel } from '../slo/alert-policy-settings.js';
import type { ComparisonOp, DisplayUnit } from '../slo/slo-schema.js';
import type { SloStatus } from '../slo/slo-status.js';

export interface HistoryPoint {
  at: string;
  value: number | null;
  status: SloStatus;
  level: AlertLevel;
  budgetRemaining: number | null;
}

export interface HistoryAlert {
  at: string;
  kind: AlertEventKind;
  level: AlertLevel;
  segment: string;
  silenced: boolean;
}

/** One SLO over a reporting period, from history. */
export interface HistorySloReport {
  name: string;
  description: string | null;
  unit: DisplayUnit;
  op: ComparisonOp;
  target: number;
  warning: number | null;
  critical: number | null;
  /** The SLO's own window (each point of the series is evaluated over it). */
  window: string | null;
  /** The SLI over the whole period, and its status against the objective. */
  value: number | null;
  samples: number;
  status: SloStatus;
  /** Error budget left at the last evaluation of the period; null without a budget. */
  budgetRemaining: number | null;
  /** Every evaluation of the SLO as a whole in the period, oldest first. */
  series: HistoryPoint[];
  /** Alert events of the period (all segments), oldest first. */
  alerts: HistoryAlert[];
}

/** `slokit report`: the SLO dashboard over a period, from history. `--format json` prints it. */
export interface HistoryReport {
  schemaVersion: 1;
  generatedAt: string;
  from: string;
  to: string;
  days: number;
  slos: HistorySloReport[];
  compliance: number | null;
  complianceCounts: { met: number; counted: number };
}
