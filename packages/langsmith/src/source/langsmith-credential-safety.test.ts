import { testTrackerSafety } from '@slokit/adapter-utils/testing';
import { resolveConnection } from '../settings/langsmith-connection.js';
import { langSmithSourceConfigSchema } from '../settings/langsmith-source-config.js';
import { instantRetries, readAll } from '../test-support/langsmith-fixture.js';
import { createLangSmithSource } from './langsmith-source.js';

const apiKey = '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';

testTrackerSafety('LangSmith', {
  secrets: [apiKey],
  async read(endpoint) {
    try {
      const config = langSmithSourceConfigSchema.parse({ type: 'langsmith', project: 'support-bot' });
      const connection = resolveConnection('prod', config, {
        baseDir: '.',
        env: { LANGSMITH_API_KEY: apiKey, LANGSMITH_ENDPOINT: endpoint },
      });
      await readAll(await createLangSmithSource('prod', config, connection, instantRetries()));
      return undefined;
    } catch (error) {
      return error;
    }
  },
});
