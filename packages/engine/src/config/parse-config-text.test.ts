import { ConfigError } from '@slokit/core/internal';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from './parse-config-text.js';

async function problemOf(text: string, format: 'json' | 'yaml'): Promise<string> {
  const error = await parseConfigText(text, format, 'slokit.cfg').catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as Error).message;
}

describe('parseConfigText', () => {
  it('drops a byte order mark', async () => {
    expect(await parseConfigText('\uFEFF{"a": 1}', 'json', 'slokit.json')).toEqual({ a: 1 });
    expect(await parseConfigText('\uFEFFa: 1\n', 'yaml', 'slokit.yaml')).toEqual({ a: 1 });
  });

  it('names every key given twice in one mapping', async () => {
    expect(await problemOf('{"sources": {"prod": {"path": "a", "type": "file", "path": "b"}}}', 'json')).toBe(
      'slokit.cfg: sources.prod.path: duplicate key',
    );
    expect(await problemOf('slos:\n  - name: a\n    name: b\n  - name: c\nname: x\nname: y\n', 'yaml')).toBe(
      'slokit.cfg: slos[0].name: duplicate key\nslokit.cfg: name: duplicate key',
    );
  });

  it('keeps the same key in different mappings', async () => {
    expect(await parseConfigText('{"a": {"x": 1}, "b": {"x": 2}}', 'json', 'slokit.json')).toEqual({
      a: { x: 1 },
      b: { x: 2 },
    });
  });

  it('refuses a YAML alias bomb in one line', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 9; level++) {
      const name = String.fromCharCode(97 + level);
      const previous = String.fromCharCode(96 + level);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    expect(await problemOf(levels.join('\n'), 'yaml')).toBe(
      'slokit.cfg: not valid YAML: Excessive alias count indicates a resource exhaustion attack',
    );
  });

  it('still reads a few aliases', async () => {
    expect(await parseConfigText('base: &base {x: 1}\nother: *base\n', 'yaml', 'slokit.yaml')).toEqual({
      base: { x: 1 },
      other: { x: 1 },
    });
  });

  it('reports invalid JSON and YAML', async () => {
    expect(await problemOf('{"a": ', 'json')).toMatch(/^slokit\.cfg: not valid JSON: /);
    expect(await problemOf('a: [1, 2\n', 'yaml')).toMatch(/^slokit\.cfg: not valid YAML at line \d+: /);
  });
});
