import type { AlertEvent } from 'slokit';

type EventFacts = Pick<AlertEvent, 'at' | 'slo' | 'segment' | 'kind' | 'level'>;

/** One alert from firing to resolution: the SLO (and segment) and each level it went through, with times. */
export interface Incident {
  slo: string;
  segment: string;
  steps: Array<{ at: string; kind: AlertEvent['kind']; level: AlertEvent['level'] }>;
  resolved: boolean;
}

/** Groups a run of alert events into incidents: each starts when an alert fires and ends when it resolves. */
export function groupIncidents(events: readonly EventFacts[]): Incident[] {
  const open = new Map<string, Incident>();
  const incidents: Incident[] = [];
  for (const event of events) {
    if (event.kind === 'repeated') continue;
    const key = `${event.slo}\u0000${event.segment}`;
    let incident = open.get(key);
    if (!incident || event.kind === 'fired') {
      incident = { slo: event.slo, segment: event.segment, steps: [], resolved: false };
      open.set(key, incident);
      incidents.push(incident);
    }
    incident.steps.push({ at: event.at, kind: event.kind, level: event.level });
    if (event.kind === 'resolved') {
      incident.resolved = true;
      open.delete(key);
    }
  }
  return incidents;
}

/** `helpfulness: warning 10:30 → critical 10:50 → page 11:20 → warning 12:45 → resolved 13:05`. */
export function describeIncident(incident: Incident, time: (at: number) => string): string {
  const name = incident.segment ? `${incident.slo} [${incident.segment}]` : incident.slo;
  const steps = incident.steps.map(
    (step) => `${step.kind === 'resolved' ? 'resolved' : step.level} ${time(Date.parse(step.at))}`,
  );
  return `${name}: ${steps.join(' → ')}${incident.resolved ? '' : ' (still active)'}`;
}
