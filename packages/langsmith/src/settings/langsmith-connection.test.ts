import { ConfigError } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import { resolveConnection, webUrlFor } from './langsmith-connection.js';
import { langSmithSourceConfigSchema } from './langsmith-source-config.js';

const config = (extra: Record<string, unknown> = {}) =>
  langSmithSourceConfigSchema.parse({ type: 'langsmith', project: 'support-bot', ...extra });
const resolve = (env: Record<string, string>, extra: Record<string, unknown> = {}) =>
  resolveConnection('prod', config(extra), { baseDir: '.', configFile: 'slokit.yaml', env });

describe('resolveConnection', () => {
  it('reads LANGSMITH_* variables, as the SDK does', () => {
    const connection = resolve({
      LANGSMITH_API_KEY: 'lsv2_pt_abcdefgh12345678',
      LANGSMITH_ENDPOINT: 'https://eu.api.smith.langchain.com/',
      LANGSMITH_WORKSPACE_ID: 'ws-1',
      LANGCHAIN_API_KEY: 'ignored',
    });
    expect(connection).toEqual({
      apiKey: 'lsv2_pt_abcdefgh12345678',
      apiKeyVariable: 'LANGSMITH_API_KEY',
      apiUrl: 'https://eu.api.smith.langchain.com',
      workspaceId: 'ws-1',
      webUrl: 'https://eu.smith.langchain.com',
      timeoutMs: 30_000,
    });
  });

  it('falls back on the LANGCHAIN_* variables and the cloud endpoint, trimming quotes', () => {
    const connection = resolve({
      LANGCHAIN_API_KEY: '"lsv2_pt_fallback_key_0000"',
      LANGCHAIN_WORKSPACE_ID: 'ws-2',
    });
    expect(connection).toMatchObject({
      apiKey: 'lsv2_pt_fallback_key_0000',
      apiKeyVariable: 'LANGCHAIN_API_KEY',
      apiUrl: 'https://api.smith.langchain.com',
      workspaceId: 'ws-2',
      webUrl: 'https://smith.langchain.com',
    });
  });

  it('lets the config name the endpoint, the workspace and the UI', () => {
    const connection = resolve(
      {
        LANGSMITH_API_KEY: 'k',
        LANGSMITH_ENDPOINT: 'https://ignored.example.com',
        LANGSMITH_WORKSPACE_ID: 'ignored',
      },
      {
        endpoint: 'https://langsmith.internal.example.com/api/v1',
        workspaceId: 'ws-3',
        webUrl: 'https://ui.example.com/',
      },
    );
    expect(connection).toMatchObject({
      apiUrl: 'https://langsmith.internal.example.com/api/v1',
      workspaceId: 'ws-3',
      webUrl: 'https://ui.example.com',
    });
  });

  it('is a config error naming both variables when no key is set', () => {
    expect(() => resolve({})).toThrow(ConfigError);
    expect(() => resolve({ LANGSMITH_API_KEY: '  ' })).toThrow(
      "slokit.yaml: sources.prod: environment variable LANGSMITH_API_KEY or LANGCHAIN_API_KEY is not set (the LangSmith API key for source 'prod')",
    );
  });

  it('is a config error for an endpoint that is not a URL', () => {
    expect(() => resolve({ LANGSMITH_API_KEY: 'k', LANGSMITH_ENDPOINT: 'smith' })).toThrow(
      'sources.prod.endpoint: expected a URL such as https://api.smith.langchain.com (from LANGSMITH_ENDPOINT), found "smith"',
    );
  });
});

describe('webUrlFor', () => {
  it('follows the SDK’s rules', () => {
    expect(webUrlFor('https://api.smith.langchain.com')).toBe('https://smith.langchain.com');
    expect(webUrlFor('https://eu.api.smith.langchain.com')).toBe('https://eu.smith.langchain.com');
    expect(webUrlFor('http://127.0.0.1:1984')).toBe('http://localhost:3000');
    expect(webUrlFor('https://langsmith.example.com/api/v1')).toBe('https://langsmith.example.com');
    expect(webUrlFor('https://langsmith.example.com/api')).toBe('https://langsmith.example.com');
  });
});
