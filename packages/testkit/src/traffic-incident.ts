export type IncidentKind = 'helpfulness-drop' | 'error-burst' | 'latency-spike' | 'cost-spike';

/**
 * A period of degraded traffic injected into generated data. What `severity` does, by kind:
 * - `helpfulness-drop`: mean helpfulness falls by 0.4 × severity, the share of correct answers by 0.25 × severity;
 * - `error-burst`: 60 % × severity of requests fail, mostly with upstream 503s;
 * - `latency-spike`: latency is multiplied by 1 + 4 × severity (requests past the 30 s timeout fail);
 * - `cost-spike`: prompt tokens are multiplied by 1 + 2 × severity, latency by 1 + 0.3 × severity.
 */
export interface TrafficIncident {
  kind: IncidentKind;
  start: string | Date;
  /** Exclusive. */
  end: string | Date;
  /** How bad it gets, in [0, 1]; 0.5 unless given. */
  severity?: number;
  /** Limits the incident to one model's requests. */
  model?: string;
}
