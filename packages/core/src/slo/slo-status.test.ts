import { describe, expect, it } from 'vitest';
import type { ResolvedObjective } from './resolved-slo.js';
import { classifyStatus } from './slo-status.js';

const higher: ResolvedObjective = { op: 'gte', target: 0.9, warning: 0.85, critical: 0.75 };
const lower: ResolvedObjective = { op: 'lte', target: 2000, warning: 3000, critical: 5000 };

describe('classifyStatus', () => {
  it.each([
    [0.95, 'ok'],
    [0.9, 'ok'], // equal to a gte target meets it
    [0.89, 'at_risk'],
    [0.85, 'at_risk'], // equal to the warning threshold is not beyond it
    [0.849, 'warning'],
    [0.75, 'warning'],
    [0.749, 'critical'],
    [0, 'critical'],
  ])('gte: %d is %s', (value, status) => {
    expect(classifyStatus(value, 100, 1, higher)).toBe(status);
  });

  it.each([
    [1800, 'ok'], // a fast p95 is ok, never critical for being below the 5000 ms limit
    [2000, 'ok'],
    [2001, 'at_risk'],
    [3000, 'at_risk'],
    [3001, 'warning'],
    [5000, 'warning'],
    [5001, 'critical'],
  ])('lte: %d is %s', (value, status) => {
    expect(classifyStatus(value, 100, 1, lower)).toBe(status);
  });

  it('gt and lt are breached at equality', () => {
    const gt: ResolvedObjective = { op: 'gt', target: 0.9, warning: 0.8, critical: 0.7 };
    expect(classifyStatus(0.9, 10, 1, gt)).toBe('at_risk');
    expect(classifyStatus(0.8, 10, 1, gt)).toBe('warning');
    expect(classifyStatus(0.7, 10, 1, gt)).toBe('critical');
    expect(classifyStatus(0.91, 10, 1, gt)).toBe('ok');
    const lt: ResolvedObjective = { op: 'lt', target: 100, warning: 200, critical: 300 };
    expect(classifyStatus(100, 10, 1, lt)).toBe('at_risk');
    expect(classifyStatus(200, 10, 1, lt)).toBe('warning');
    expect(classifyStatus(300, 10, 1, lt)).toBe('critical');
    expect(classifyStatus(99, 10, 1, lt)).toBe('ok');
  });

  it('treats the target as the critical threshold when neither warning nor critical is set', () => {
    const objective: ResolvedObjective = { op: 'gte', target: 0.995 };
    expect(classifyStatus(0.995, 10, 1, objective)).toBe('ok');
    expect(classifyStatus(0.994, 10, 1, objective)).toBe('critical');
  });

  it('is at_risk short of the only threshold given', () => {
    const onlyCritical: ResolvedObjective = { op: 'lte', target: 0.05, critical: 0.08 };
    expect(classifyStatus(0.061, 10, 1, onlyCritical)).toBe('at_risk');
    expect(classifyStatus(0.08, 10, 1, onlyCritical)).toBe('at_risk');
    expect(classifyStatus(0.081, 10, 1, onlyCritical)).toBe('critical');
    const onlyWarning: ResolvedObjective = { op: 'gte', target: 0.95, warning: 0.9 };
    expect(classifyStatus(0.92, 10, 1, onlyWarning)).toBe('at_risk');
    expect(classifyStatus(0.89, 10, 1, onlyWarning)).toBe('warning');
  });

  it('reports missing and thin data', () => {
    expect(classifyStatus(null, 0, 1, higher)).toBe('no_data');
    expect(classifyStatus(0.5, 0, 1, higher)).toBe('no_data');
    expect(classifyStatus(0.5, 9, 10, higher)).toBe('insufficient_data');
    expect(classifyStatus(0.5, 10, 10, higher)).toBe('critical');
  });
});
