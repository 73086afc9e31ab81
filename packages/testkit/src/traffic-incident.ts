export type IncidentKind = 'helpfulness-drop' | 'error-burst' | 'latency-spike' | 'cost-spike';

/** A period of degraded traffic injected into generated data. */
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
