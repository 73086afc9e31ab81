import { describe, expect, it } from 'vitest';
import { terminalText } from './terminal-text.js';

describe('terminalText', () => {
  it('drops escape sequences starters, BEL, DEL and C1 controls', () => {
    expect(terminalText('a\u001b]52;c;ZXZpbA==\u0007b\u001b[2Jc\u009b31md\u007fe\u0085f\u0000g')).toBe(
      'a]52;c;ZXZpbA==b[2Jc31mdefg',
    );
  });

  it('turns line breaks and tabs into spaces and keeps other text', () => {
    expect(terminalText('gpt-4o\nmini\tv2\r')).toBe('gpt-4o mini v2 ');
    expect(terminalText('✅ ünïcödé 🟠 │ ≥ 90%')).toBe('✅ ünïcödé 🟠 │ ≥ 90%');
  });
});
