import { createMemorySource, defineAdapter, defineConfig, resolveConfig } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import { createPublisher } from '../publish/create-publisher.js';
import { createSource } from './create-source.js';

const adapter = defineAdapter({
  specificationVersion: 'v1',
  type: 'tracker',
  createSource: (name) => createMemorySource(name, [{ latency_ms: 1 }]),
  createPublisher: (name) => ({
    specificationVersion: 'v1',
    name,
    type: 'tracker',
    publish: async ({ slos }) => ({ target: 'tracker', published: slos.length, urls: [] }),
  }),
});

describe('defineAdapter', () => {
  it('returns the adapter as given, whose factories core builds sources and publishers with', async () => {
    const config = resolveConfig(
      defineConfig({
        sources: { prod: { type: 'tracker' } },
        slos: [
          {
            name: 'p',
            source: 'prod',
            sli: { metric: 'latency_ms', aggregate: 'max' },
            objective: { target: 1 },
          },
        ],
      }),
      { baseDir: '.' },
    );
    const source = await createSource('prod', config, { factories: { tracker: adapter.createSource } });
    expect(source.name).toBe('prod');
    const publisher = await createPublisher('prod', config, {
      factories: { tracker: adapter.createPublisher },
    });
    expect(publisher.type).toBe('tracker');
    expect(adapter.type).toBe('tracker');
  });

  it('is the identity at run time, and rejects what is not a v1 adapter at compile time', () => {
    const v2 = { specificationVersion: 'v2', type: 'x', createSource: adapter.createSource } as const;
    // @ts-expect-error a specificationVersion other than 'v1'
    expect(defineAdapter(v2)).toBe(v2);
    const incomplete = { specificationVersion: 'v1', type: 'x' } as const;
    // @ts-expect-error no createSource
    expect(defineAdapter(incomplete)).toBe(incomplete);
  });
});
