import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html.js';

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or an attribute value', () => {
    expect(escapeHtml(`<script>alert(1)</script>"&'`)).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;',
    );
  });

  it('escapes an ampersand first, so existing entities are shown, not decoded', () => {
    expect(escapeHtml('&lt; &amp;')).toBe('&amp;lt; &amp;amp;');
  });

  it('leaves other text, including non-ASCII and emoji, as it is', () => {
    expect(escapeHtml('p95 latency ≤ 2s ✅ — ok/ünïcode')).toBe('p95 latency ≤ 2s ✅ — ok/ünïcode');
    expect(escapeHtml('')).toBe('');
  });

  it('produces text with no character that could open a tag or close a quoted attribute', () => {
    const hostile = `"><img src=x onerror=alert(1)>' onload='x' <!-- ]]> <svg/onload=alert(1)>`;
    expect(escapeHtml(hostile)).not.toMatch(/[<>"']/);
  });
});
