import { describe, expect, it } from 'vitest';
import { feedbackId, uuidV5 } from './feedback-id.js';

describe('feedbackId', () => {
  it('is a stable version 5 UUID per check, target and SLO', () => {
    const id = feedbackId('2026-11-26T14:00:00.000Z\nproject\np95-latency');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(feedbackId('2026-11-26T14:00:00.000Z\nproject\np95-latency')).toBe(id);
    expect(feedbackId('2026-11-26T14:05:00.000Z\nproject\np95-latency')).not.toBe(id);
  });
});

describe('uuidV5', () => {
  it('matches the well-known v5 UUID of www.example.com in the DNS namespace', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});
