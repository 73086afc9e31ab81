import { describe, expect, it } from 'vitest';
import { describeIncident, groupIncidents } from './describe-incidents.js';

const event = (
  at: string,
  slo: string,
  kind: 'fired' | 'escalated' | 'deescalated' | 'resolved' | 'repeated',
  level: 'none' | 'warning' | 'critical' | 'page',
  segment = '',
) => ({
  at: `2026-11-19T${at}:00.000Z`,
  slo,
  segment,
  kind,
  level,
});

describe('groupIncidents', () => {
  it('follows each SLO and segment from firing to resolution, leaving out repeats', () => {
    const incidents = groupIncidents([
      event('10:30', 'helpfulness', 'fired', 'warning'),
      event('10:35', 'availability', 'fired', 'critical', 'gpt-4o'),
      event('10:50', 'helpfulness', 'escalated', 'critical'),
      event('11:00', 'helpfulness', 'repeated', 'critical'),
      event('11:05', 'helpfulness', 'resolved', 'none'),
      event('12:00', 'helpfulness', 'fired', 'warning'),
    ]);
    const time = (at: number) => new Date(at).toISOString().slice(11, 16);
    expect(incidents.map((incident) => describeIncident(incident, time))).toEqual([
      'helpfulness: warning 10:30 → critical 10:50 → resolved 11:05',
      'availability [gpt-4o]: critical 10:35 (still active)',
      'helpfulness: warning 12:00 (still active)',
    ]);
  });
});
