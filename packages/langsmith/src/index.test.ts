import { describe, expect, it } from 'vitest';
import defaultAdapter, { adapter, createEvalSource, createPublisher } from './index.js';

describe('@slokit/langsmith', () => {
  it('exports a v1 adapter for type langsmith, also as the default export', () => {
    expect(defaultAdapter).toBe(adapter);
    expect(adapter).toMatchObject({
      specificationVersion: 'v1',
      type: 'langsmith',
      createSource: createEvalSource,
      createPublisher,
    });
  });

  it('builds a source and a publisher from a config entry', async () => {
    const context = { baseDir: '.', env: { LANGSMITH_API_KEY: 'lsv2_pt_key' } };
    const source = await adapter.createSource('prod', { type: 'langsmith', project: 'support-bot' }, context);
    expect(source).toMatchObject({ specificationVersion: 'v1', name: 'prod', type: 'langsmith' });
    const publisher = await adapter.createPublisher(
      'prod',
      { type: 'langsmith', project: 'support-bot' },
      context,
    );
    expect(publisher).toMatchObject({ specificationVersion: 'v1', name: 'prod', type: 'langsmith' });
  });
});
