import { describe, expect, it } from 'vitest';
import { experimentUrl, projectUrl, runUrl } from './run-url.js';

describe('LangSmith UI links', () => {
  const base = { webUrl: 'https://smith.langchain.com', tenantId: 't1' };
  it('link runs, projects and experiments as the SDK does', () => {
    expect(runUrl({ ...base, projectId: 'p1', runId: 'r1' })).toBe(
      'https://smith.langchain.com/o/t1/projects/p/p1/r/r1?poll=true',
    );
    expect(projectUrl({ ...base, projectId: 'p1' })).toBe('https://smith.langchain.com/o/t1/projects/p/p1');
    expect(experimentUrl({ ...base, datasetId: 'd1', experimentId: 'e1' })).toBe(
      'https://smith.langchain.com/o/t1/datasets/d1/compare?selectedSessions=e1',
    );
  });
});
