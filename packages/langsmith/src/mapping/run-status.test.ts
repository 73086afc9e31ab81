import { describe, expect, it } from 'vitest';
import { runLatencyMs, runStatus } from './run-status.js';

describe('runStatus', () => {
  it('reads legacy and v2 statuses', () => {
    expect(runStatus({ status: 'success' })).toBe('success');
    expect(runStatus({ status: 'ERROR' })).toBe('error');
    expect(runStatus({ status: 'PENDING' })).toBe('pending');
  });

  it('falls back on the end time and the error', () => {
    expect(runStatus({ end_time: null })).toBe('pending');
    expect(runStatus({ end_time: '2026-11-26T12:00:00', error: 'boom' })).toBe('error');
    expect(runStatus({ end_time: '2026-11-26T12:00:00', error: null })).toBe('success');
  });
});

describe('runLatencyMs', () => {
  it('prefers latency_seconds, rounded to microseconds', () => {
    expect(runLatencyMs({ latency_seconds: 8.951 }, 0, 1)).toBe(8951);
    expect(runLatencyMs({ latency_seconds: 0.0001234 }, 0, undefined)).toBe(0.123);
  });

  it('else subtracts the start from the end', () => {
    expect(runLatencyMs({}, 1000, 2500.5)).toBe(1500.5);
    expect(runLatencyMs({}, 1000, undefined)).toBeUndefined();
    expect(runLatencyMs({ latency_seconds: null }, 1000, 900)).toBe(-100);
  });
});
