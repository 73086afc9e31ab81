import { describe, expect, it } from 'vitest';
import { validateDiscordMessage } from './validate-discord-message.js';

describe('validateDiscordMessage', () => {
  it('accepts content and embeds within the limits', () => {
    expect(
      validateDiscordMessage({
        content: 'c'.repeat(2000),
        embeds: [
          {
            title: 't'.repeat(256),
            description: 'd'.repeat(3000),
            color: 0xd0021b,
            url: 'https://x.example.com',
            timestamp: '2026-11-26T14:00:00.000Z',
            fields: Array.from({ length: 2 }, () => ({ name: 'n', value: 'v'.repeat(1024) })),
            footer: { text: 'f' },
          },
        ],
      }),
    ).toEqual([]);
  });

  it('names each broken limit', () => {
    const embed = {
      title: 'x'.repeat(257),
      description: 'd'.repeat(4097),
      fields: [{ name: '', value: 'v'.repeat(1025) }],
    };
    expect(
      validateDiscordMessage({
        content: 'c'.repeat(2001),
        embeds: Array.from({ length: 11 }, () => ({ title: 'a' })),
      }),
    ).toEqual(['content: BASE_TYPE_MAX_LENGTH (2001 > 2000)', 'embeds: 11, at most 10']);
    expect(validateDiscordMessage({ embeds: [embed, { title: 'y', color: -1, url: 'ftp://x' }] })).toEqual([
      'embeds[0].title: BASE_TYPE_MAX_LENGTH (257 > 256)',
      'embeds[0].description: BASE_TYPE_MAX_LENGTH (4097 > 4096)',
      'embeds[0].fields[0].name must not be empty',
      'embeds[0].fields[0].value: BASE_TYPE_MAX_LENGTH (1025 > 1024)',
      'embeds[1].url must be an http(s) URL',
      'embeds[1].color must be an integer 0..0xFFFFFF',
    ]);
    expect(
      validateDiscordMessage({
        embeds: Array.from({ length: 2 }, () => ({ description: 'd'.repeat(3001) })),
      }),
    ).toEqual(['embeds: 6002 characters in all, at most 6000']);
    expect(validateDiscordMessage({ content: ' ' })).toEqual(['Cannot send an empty message (50006)']);
  });
});
