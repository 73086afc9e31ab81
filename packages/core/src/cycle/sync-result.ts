import type { AlertEventKind } from '../alerting/alert-policy.js';
import type { BurnRateResult, PeriodBudget } from '../budget/period-budget.js';
import type { WorstExample } from '../evaluation/worst-examples.js';
import type { SloReport } from '../report/report.js';
import type { AlertLevel } from '../slo/alert-policy-settings.js';

/** An alert event with everything a message needs: what fired, how bad, since when, where to look. */
export interface AlertEvent {
  id: string;
  kind: AlertEventKind;
  level: AlertLevel;
  previousLevel: AlertLevel;
  /** The highest level this alert reached since it fired: recoveries are routed to every channel that heard it. */
  peakLevel: AlertLevel;
  at: string;
  slo: string;
  /** '' for the SLO as a whole. */
  segment: string;
  groupBy: string | null;
  description: string | null;
  status: SloReport['status'];
  value: number | null;
  unit: SloReport['unit'];
  op: SloReport['op'];
  target: number;
  warning: number | null;
  critical: number | null;
  window: string | null;
  samples: number;
  interval: SloReport['interval'];
  budget: PeriodBudget | null;
  burnRates: BurnRateResult[];
  /** The previous evaluation's value, for a trend arrow. */
  previousValue: number | null;
  worstExamples: WorstExample[];
  runbook: string | null;
  labels: Record<string, string>;
  /** When a silence or maintenance window suppressed sending: why. */
  silencedBy: string | null;
}

/** One SLO after a sync: the check report entry plus budget, burn rates and the alert level. */
export interface SyncSloResult extends SloReport {
  budget: PeriodBudget | null;
  burnRates: BurnRateResult[];
  alertLevel: AlertLevel;
}

export interface SyncSourceResult {
  name: string;
  type: string;
  /** Records read from the source this cycle (the overlap window included). */
  read: number;
  /** Of those, new records counted into history. */
  counted: number;
  /** Already counted in an earlier cycle (the overlap). */
  duplicates: number;
  skipped: number;
  since: string;
  until: string;
  error: string | null;
  /** Not handled by this worker (another holds its lease). */
  ownedElsewhere: boolean;
}

/** What one `slokit sync` cycle did; `--json` prints it. */
export interface SyncResult {
  schemaVersion: 1;
  cycleId: string;
  at: string;
  dryRun: boolean;
  /** Set when the cycle did nothing because another sync holds the lock. */
  skipped: string | null;
  sources: SyncSourceResult[];
  slos: SyncSloResult[];
  events: AlertEvent[];
  published: Array<{ source: string; target: string; published: number; error: string | null }>;
  /** The batches this cycle queued for each channel (in the outbox; sent by @slokit/notify). */
  deliveries: Array<{ id: string; channel: string; events: number }>;
  compliance: number | null;
  complianceCounts: { met: number; counted: number };
}
