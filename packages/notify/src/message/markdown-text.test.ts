import { describe, expect, it } from 'vitest';
import { eventSubject } from '../message/alert-text.js';
import { sampleAlertEvent } from '../sample-alert-batch.js';
import { renderedMarkdown } from '../test-support/rendered-markdown.js';
import { escapeMarkdown, markdownLink, markdownUrl, withMarkdownData } from './markdown-text.js';

const attacks = [
  '[pay here](https://evil.example.com/phish)',
  '**urgent** see https://evil.example.com/a or <https://evil.example.com/b>',
  '![x](https://evil.example.com/pixel.png)',
  '# Heading\n- item\n1. item\n> quote',
  '\\[escaped\\](https://evil.example.com/c)',
  '`code` ~~strike~~ ||spoiler|| <@everyone> _em_',
];

describe('escapeMarkdown', () => {
  it.each(attacks)('renders %j as written, with no link and no heading', (text) => {
    const rendered = renderedMarkdown(escapeMarkdown(text));
    expect(rendered.links).toEqual([]);
    expect(rendered.headings).toBe(0);
    expect(rendered.visible.replace(/\n/g, ' ')).toBe(text.replace(/\n/g, ' '));
  });

  it('leaves ordinary names readable', () => {
    expect(escapeMarkdown('p95-latency gpt-4o.mini 12.5%')).toBe('p95-latency gpt-4o.mini 12.5%');
  });
});

describe('markdown links', () => {
  it('a ) in a URL no longer splits its link: the whole URL is the target, percent-encoded', () => {
    const url = 'https://wiki.example.com/search?q=latency)&team=ml';
    const rendered = renderedMarkdown(markdownLink(url, 'Runbook'));
    expect(rendered.links).toEqual(['https://wiki.example.com/search?q=latency%29&team=ml']);
    expect(rendered.visible).toBe('Runbook');
  });

  it('links only http(s), and escapes the label', () => {
    expect(markdownUrl('javascript:alert(1)')).toBeNull();
    expect(markdownUrl('not a url')).toBeNull();
    expect(markdownUrl('https://[::1]:8080/a b(c)')).toBe('https://[::1]:8080/a%20b%28c%29');
    const rendered = renderedMarkdown(
      markdownLink('https://runs.example.com/1', 'x](https://evil.example.com) [y'),
    );
    expect(rendered.links).toEqual(['https://runs.example.com/1']);
    expect(rendered.visible).toBe('x](https://evil.example.com) [y');
  });

  it('an event subject with markdown in its segment stays text', () => {
    const event = sampleAlertEvent({ segment: '[x](https://evil.example.com)', groupBy: 'metadata.note' });
    const rendered = renderedMarkdown(`**${eventSubject(withMarkdownData(event))}**`);
    expect(rendered.links).toEqual([]);
    expect(rendered.visible).toBe(eventSubject(event));
  });
});
