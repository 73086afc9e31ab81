import { ConfigError } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseSourceConfig } from './parse-source-config.js';
import { requiredEnv } from './required-env.js';

describe('parseSourceConfig', () => {
  const schema = z.strictObject({ type: z.literal('x'), prices: z.record(z.string(), z.number()) });
  it('returns the parsed config, or a config error naming each path and the file', () => {
    expect(parseSourceConfig(schema, 'prod', { type: 'x', prices: {} }, {})).toEqual({
      type: 'x',
      prices: {},
    });
    const error = (() => {
      try {
        parseSourceConfig(
          schema,
          'prod',
          { type: 'x', prices: { 'gpt 4o': 'cheap' }, extra: 1 },
          { configFile: 'slokit.yaml' },
        );
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      'slokit.yaml: sources.prod.prices["gpt 4o"]: Invalid input: expected number, received string\nslokit.yaml: sources.prod: Unrecognized key: "extra"',
    );
  });
});

describe('requiredEnv', () => {
  it('reads the first set variable, else names them all', () => {
    expect(requiredEnv({ B: 'b', A: ' ' }, ['A', 'B'], { purpose: 'p' })).toBe('b');
    expect(() => requiredEnv({}, ['A', 'B', 'C'], { purpose: 'the key', path: 'sources.prod' })).toThrow(
      'sources.prod: environment variable A, B or C is not set (the key)',
    );
  });
});
