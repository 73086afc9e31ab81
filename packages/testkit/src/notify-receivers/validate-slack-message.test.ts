import { describe, expect, it } from 'vitest';
import { validateSlackMessage } from './validate-slack-message.js';

const section = (text: string, id?: string) => ({
  type: 'section',
  ...(id ? { block_id: id } : {}),
  text: { type: 'mrkdwn', text },
});

describe('validateSlackMessage', () => {
  it('accepts a message within the Block Kit limits', () => {
    expect(
      validateSlackMessage({
        text: 'fallback',
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(150), emoji: true } },
          {
            ...section('s'.repeat(3000)),
            fields: Array.from({ length: 10 }, () => ({ type: 'mrkdwn', text: 'f'.repeat(900) })),
          },
          { type: 'divider' },
          {
            type: 'context',
            elements: [{ type: 'mrkdwn', text: 'see <https://x.example.com|x> &lt;tag&gt;' }],
          },
        ],
      }),
    ).toEqual([]);
    expect(validateSlackMessage({ text: 'only text' })).toEqual([]);
  });

  it('names each broken limit', () => {
    expect(
      validateSlackMessage({ text: 't', blocks: Array.from({ length: 51 }, () => section('x')) }),
    ).toEqual(['51 blocks: at most 50']);
    expect(
      validateSlackMessage({
        blocks: [
          { type: 'header', text: { type: 'mrkdwn', text: 'h' } },
          { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
          section('s'.repeat(3001), 'same'),
          {
            ...section('ok', 'same'),
            fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f'.repeat(2001) })),
          },
          section('a <b> c'),
          { type: 'section' },
          { type: 'image' },
        ],
      }),
    ).toEqual([
      'no top-level text: the notification fallback is missing',
      'blocks[0].text must be a text object of type plain_text',
      'blocks[1].text.text: 151 characters, at most 150',
      'blocks[2].text.text: 3001 characters, at most 3000',
      "blocks[3].block_id 'same' is not unique",
      'blocks[3].fields: 11 fields, at most 10',
      ...Array.from(
        { length: 11 },
        (_, index) => `blocks[3].fields[${index}].text: 2001 characters, at most 2000`,
      ),
      "blocks[4].text.text has an unescaped '<'",
      'blocks[5]: a section needs text or fields',
      "blocks[6].type 'image' is not a block type this receiver knows",
      'msg_blocks_too_long: 25172 characters of block text, Slack takes about 13000',
    ]);
    expect(validateSlackMessage('ok')).toEqual(['the body is not a JSON object']);
    expect(validateSlackMessage({})).toEqual(['no text and no blocks']);
  });
});
