import { describe, expect, it } from 'vitest';
import { sampleAlertEvent } from '../sample-alert-batch.js';
import {
  batchCounts,
  budgetText,
  bySeverity,
  eventEmoji,
  eventHeadline,
  eventSubject,
  highestLevel,
  trendText,
  truncate,
  valueVersusTarget,
  windowAndSamples,
} from './alert-text.js';

describe('alert text', () => {
  it('words every kind of event', () => {
    const kinds = [
      sampleAlertEvent({ kind: 'fired', level: 'warning' }),
      sampleAlertEvent({ kind: 'escalated', level: 'critical', previousLevel: 'warning' }),
      sampleAlertEvent({ kind: 'deescalated', level: 'warning', previousLevel: 'critical' }),
      sampleAlertEvent({ kind: 'resolved', level: 'none', previousLevel: 'page' }),
      sampleAlertEvent({ kind: 'repeated', level: 'ticket' }),
    ];
    expect(kinds.map((event) => `${eventEmoji(event)} ${eventHeadline(event)}`)).toEqual([
      '🟠 fired warning',
      '🔴 escalated warning → critical',
      '🟠 de-escalated critical → warning',
      '✅ resolved (was page)',
      '🎫 still ticket',
    ]);
    expect(batchCounts(kinds)).toBe('4 firing, 1 resolved');
    expect(highestLevel(kinds)).toBe('critical');
    expect(highestLevel([kinds[3]!])).toBe('none');
    expect(bySeverity(kinds).map((event) => event.kind)).toEqual([
      'escalated',
      'repeated',
      'fired',
      'deescalated',
      'resolved',
    ]);
  });

  it('says what was measured against what, over which window', () => {
    const event = sampleAlertEvent({ segment: 'gpt-4o', groupBy: 'metadata.model', samples: 1 });
    expect(eventSubject(event)).toBe('helpfulness [metadata.model=gpt-4o]');
    expect(valueVersusTarget(event)).toBe('68.1% vs target ≥ 80% (warning < 75%, critical < 70%)');
    expect(valueVersusTarget(sampleAlertEvent({ value: null, warning: null, critical: null }))).toBe(
      '— vs target ≥ 80%',
    );
    expect(windowAndSamples(event)).toBe('over 1h, 1 sample');
    expect(windowAndSamples(sampleAlertEvent({ window: null, samples: 2000 }))).toBe(
      'all records, 2,000 samples',
    );
  });

  it('budget and trend', () => {
    expect(budgetText(sampleAlertEvent())).toBe(
      '22.1% of the error budget left, exhausted in 1.5h at this rate',
    );
    expect(
      budgetText(
        sampleAlertEvent({
          budget: { method: 'timeslices', allowed: 1, consumed: 2, remaining: -1, exhaustsAt: null },
        }),
      ),
    ).toBe('error budget spent');
    expect(budgetText(sampleAlertEvent({ budget: null }))).toBeNull();
    expect(trendText(sampleAlertEvent({ value: 0.5, previousValue: 0.5 }))).toBe('→ from 50%');
    expect(trendText(sampleAlertEvent({ previousValue: null }))).toBeNull();
  });

  it('truncates without splitting an emoji', () => {
    expect(truncate('abcdef', 6)).toBe('abcdef');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('ab📟cd', 4)).toBe('ab…');
    expect(truncate('ab📟cd', 5)).toBe('ab📟…');
  });
});
