import type { AlertBatch } from '@slokit/core';
import { sampleAlertBatch, sampleAlertEvent } from '../sample-alert-batch.js';

/** A runbook URL with a `)` that would end a markdown link early. */
export const runbookWithParenthesis = 'https://wiki.example.com/search?q=latency)&team=ml';

/** The links a message of `hostileBatch` may hold: the runbook (encoded) and the worst example. */
export const legitimateLinks = [
  'https://wiki.example.com/search?q=latency%29&team=ml',
  'https://smith.example.com/runs/7f3a',
];

/**
 * Alert data carrying markdown: links in a segment value and a note, a bare URL, a heading, a link label that
 * closes itself, and a runbook URL with a `)`; `count` events of it, for the summary lines of large batches.
 */
export function hostileBatch(count = 1): AlertBatch {
  const events = Array.from({ length: count }, (_, index) =>
    sampleAlertEvent({
      id: `hostile-${index}`,
      slo: `checkout-${index}`,
      groupBy: 'metadata.note',
      segment: `[pay here](https://evil.example.com/phish/${index})`,
      description:
        '# Urgent\n**[reset your password](https://evil.example.com/reset)** or https://evil.example.com/a',
      runbook: runbookWithParenthesis,
      worstExamples: [
        {
          id: 'run-7f3a](https://evil.example.com/x) [',
          url: 'https://smith.example.com/runs/7f3a',
          timestamp: '2026-11-26T13:52:10.000Z',
          value: 0.1,
        },
      ],
    }),
  );
  return sampleAlertBatch({ id: 'hostile', events });
}
