import { describe, expect, it } from 'vitest';
import defaultAdapter, { adapter, createEvalSource, createPublisher } from './index.js';

describe('@slokit/mlflow', () => {
  it('exports a v1 adapter for type mlflow, also as the default export', () => {
    expect(defaultAdapter).toBe(adapter);
    expect(adapter).toMatchObject({
      specificationVersion: 'v1',
      type: 'mlflow',
      createSource: createEvalSource,
      createPublisher,
    });
  });

  it('builds a source and a publisher from a config entry', async () => {
    const context = { baseDir: '.', env: { MLFLOW_TRACKING_URI: 'http://127.0.0.1:1' } };
    const source = await adapter.createSource(
      'prod',
      { type: 'mlflow', experiment: 'x', traces: true },
      context,
    );
    expect(source).toMatchObject({ specificationVersion: 'v1', name: 'prod', type: 'mlflow' });
    const publisher = await adapter.createPublisher('prod', { type: 'mlflow', experiment: 'x' }, context);
    expect(publisher).toMatchObject({ specificationVersion: 'v1', name: 'prod', type: 'mlflow' });
  });
});
