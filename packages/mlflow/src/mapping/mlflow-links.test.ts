import { describe, expect, it } from 'vitest';
import { mlflowLinks } from './mlflow-links.js';

describe('mlflowLinks', () => {
  it('links into the OSS UI', () => {
    const links = mlflowLinks('https://ml.example.com/mlflow/', false);
    expect(links.trace('4', 'tr-1')).toBe(
      'https://ml.example.com/mlflow/#/experiments/4/traces?selectedEvaluationId=tr-1',
    );
    expect(links.run('3', 'abc')).toBe('https://ml.example.com/mlflow/#/experiments/3/runs/abc');
  });

  it('links into a Databricks workspace', () => {
    const links = mlflowLinks('https://dbc-1.cloud.databricks.com', true);
    expect(links.trace('123', 'tr-9')).toBe(
      'https://dbc-1.cloud.databricks.com/ml/experiments/123/traces?selectedEvaluationId=tr-9',
    );
    expect(links.experiment('123')).toBe('https://dbc-1.cloud.databricks.com/ml/experiments/123');
  });
});
