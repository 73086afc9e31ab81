import { describe, expect, it } from 'vitest';
import defaultAdapter, { adapter, createEvalSource, createPublisher } from './index.js';

describe('@slokit/weave', () => {
  it('exports a v1 adapter for type weave, also as the default export', () => {
    expect(defaultAdapter).toBe(adapter);
    expect(adapter).toMatchObject({
      specificationVersion: 'v1',
      type: 'weave',
      createSource: createEvalSource,
      createPublisher,
    });
  });

  it('builds a source and a publisher from a config entry', async () => {
    const context = { baseDir: '.', env: { WANDB_API_KEY: 'k' } };
    const source = await adapter.createSource(
      'prod',
      { type: 'weave', project: 'acme/bot', ops: ['answer'] },
      context,
    );
    expect(source).toMatchObject({ specificationVersion: 'v1', name: 'prod', type: 'weave' });
    const publisher = await adapter.createPublisher(
      'prod',
      { type: 'weave', project: 'acme/bot', evaluations: 'latest' },
      context,
    );
    expect(publisher).toMatchObject({ specificationVersion: 'v1', name: 'prod', type: 'weave' });
  });
});
