import { describe, expect, it } from 'vitest';
import { validateTeamsMessage } from './validate-teams-message.js';

const card = (content: Record<string, unknown>) => ({
  type: 'message',
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content }],
});

describe('validateTeamsMessage', () => {
  it('accepts an Adaptive Card message and a MessageCard', () => {
    expect(
      validateTeamsMessage(
        card({
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: 'hi' },
            { type: 'Container', items: [{ type: 'FactSet', facts: [{ title: 'a', value: 'b' }] }] },
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'x', url: 'https://x.example.com' }],
        }),
      ),
    ).toEqual([]);
    expect(
      validateTeamsMessage({
        '@type': 'MessageCard',
        '@context': 'https://schema.org/extensions',
        summary: 's',
        sections: [{ facts: [{ name: 'a', value: 'b' }] }],
        potentialAction: [
          { '@type': 'OpenUri', name: 'x', targets: [{ os: 'default', uri: 'https://x.example.com' }] },
        ],
      }),
    ).toEqual([]);
  });

  it('names what is wrong', () => {
    expect(
      validateTeamsMessage(
        card({
          type: 'AdaptiveCard',
          version: '1.6',
          body: [
            { type: 'Marquee' },
            { type: 'FactSet', facts: [{ title: 'a' }] },
            { type: 'TextBlock', text: 'x'.repeat(30_000) },
          ],
          actions: [{ type: 'Action.Submit' }],
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^the message is \d+ bytes, Teams takes at most 28000$/),
      'attachments[0].content.version must be 1.0 to 1.5',
      'attachments[0].content.body[0] is not a known Adaptive Card element',
      'attachments[0].content.body[1].facts[0] needs a title and a value',
      'attachments[0].content.actions[0] must be an Action.OpenUrl with an http(s) url',
    ]);
    expect(
      validateTeamsMessage({ '@type': 'MessageCard', sections: Array.from({ length: 11 }, () => ({})) }),
    ).toEqual([
      "a MessageCard needs '@context'",
      'a MessageCard needs a summary or a text',
      '11 sections, at most 10',
    ]);
    expect(validateTeamsMessage({ text: 'x' })).toEqual(["expected type 'message' (or a MessageCard)"]);
  });
});
