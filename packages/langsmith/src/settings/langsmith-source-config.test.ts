import { parseSourceConfig } from '@slokit/adapter-utils';
import { ConfigError } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import { langSmithSourceConfigSchema } from './langsmith-source-config.js';

const parse = (config: unknown) =>
  parseSourceConfig(langSmithSourceConfigSchema, 'prod', config, { configFile: 'slokit.yaml' });

describe('langSmithSourceConfigSchema', () => {
  it('fills in the defaults', () => {
    expect(parse({ type: 'langsmith', project: 'support-bot' })).toEqual({
      type: 'langsmith',
      project: 'support-bot',
      rootOnly: true,
      pageSize: 100,
      timeoutMs: 30_000,
    });
  });

  it('takes projects, an experiment or a dataset, and a filter', () => {
    expect(parse({ type: 'langsmith', projects: ['a', 'b'], filter: 'eq(run_type, "chain")' })).toMatchObject(
      {
        projects: ['a', 'b'],
        filter: 'eq(run_type, "chain")',
      },
    );
    expect(parse({ type: 'langsmith', experiment: 'exp-1', rootOnly: false })).toMatchObject({
      rootOnly: false,
    });
    expect(parse({ type: 'langsmith', dataset: 'support-bot-eval' })).toMatchObject({
      dataset: 'support-bot-eval',
    });
  });

  it('names the field and the file of what is wrong', () => {
    const error = (config: unknown) => {
      try {
        parse(config);
      } catch (caught) {
        expect(caught).toBeInstanceOf(ConfigError);
        return (caught as ConfigError).message;
      }
      throw new Error('expected a ConfigError');
    };
    expect(error({ type: 'langsmith' })).toBe(
      'slokit.yaml: sources.prod: expected one of project, projects, experiment or dataset: what to read',
    );
    expect(error({ type: 'langsmith', project: 'a', dataset: 'b' })).toBe(
      'slokit.yaml: sources.prod.dataset: give only one of project, projects, experiment or dataset (found project and dataset)',
    );
    expect(error({ type: 'langsmith', project: 'a', projectt: 'b' })).toContain('sources.prod');
    expect(error({ type: 'langsmith', project: 'a', pageSize: 5000 })).toContain('sources.prod.pageSize');
    expect(error({ type: 'langsmith', project: 'a', endpoint: 'not a url' })).toContain(
      'sources.prod.endpoint',
    );
    expect(error({ type: 'langsmith', projects: [] })).toContain('sources.prod.projects');
  });
});
