export const alertLevels = ['none', 'warning', 'ticket', 'critical', 'page'] as const;
export type AlertLevel = (typeof alertLevels)[number];
export const alertLevelRank: Record<AlertLevel, number> = {
  none: 0,
  warning: 1,
  ticket: 2,
  critical: 3,
  page: 4,
};

export type NoDataPolicy = 'keep' | 'ok' | 'alert';

/** How an SLO's alerts start, escalate, repeat and resolve. Durations in ms. */
export interface AlertPolicy {
  /** Consecutive breaching evaluations before a level fires (2: never on the first). */
  for: number;
  /** And the breach must have held at least this long (0: no duration condition). */
  forDuration: number;
  /** Consecutive evaluations below the active level before it de-escalates or resolves. */
  resolveAfter: number;
  /** And calm must have held at least this long. */
  resolveAfterDuration: number;
  /** A critical breach that persists this long becomes a page; null: the objective alone never pages. */
  pageAfter: number | null;
  /** An unchanged active alert is sent again after this long. */
  repeatInterval: number;
  /** What an evaluation without (enough) data means: keep the state, count as good, or alert (warning). */
  noData: NoDataPolicy;
}

export const defaultAlertPolicy: AlertPolicy = {
  for: 2,
  forDuration: 0,
  resolveAfter: 2,
  resolveAfterDuration: 0,
  pageAfter: 30 * 60_000,
  repeatInterval: 4 * 3_600_000,
  noData: 'keep',
};
