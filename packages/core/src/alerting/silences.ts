import type { ResolvedConfig } from '../config/resolved-config.js';
import type { Silence } from '../state/state-store.js';

/** Why an SLO (segment) is silenced at `at`, or undefined: a silence or a maintenance window from the config. */
export function silencedBy(
  slo: string,
  segment: string,
  at: number,
  silences: Silence[],
  maintenance: ResolvedConfig['maintenance'],
): string | undefined {
  for (const silence of silences) {
    const active =
      silence.startsAt <= at && at < (silence.expiredAt ?? silence.endsAt) && at < silence.endsAt;
    if (active && silence.slo === slo && (silence.segment === null || silence.segment === segment)) {
      return `silence ${silence.id}: ${silence.reason}`;
    }
  }
  for (const window of maintenance) {
    if (window.from <= at && at < window.to && (window.slos === null || window.slos.includes(slo))) {
      return `maintenance: ${window.reason}`;
    }
  }
  return undefined;
}
