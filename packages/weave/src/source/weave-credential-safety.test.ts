import { testTrackerSafety } from '@slokit/adapter-utils/testing';
import { resolveWeaveSettings } from '../settings/weave-source-config.js';
import { createWeaveSource } from './weave-eval-source.js';

const apiKey = 'wandb-key-0123456789abcdef0123456789abcdef';

testTrackerSafety('Weave', {
  secrets: [apiKey],
  async read(endpoint) {
    try {
      const settings = resolveWeaveSettings(
        'prod',
        { type: 'weave', project: 'acme/support-bot', ops: ['answer_question'] },
        { baseDir: '.', env: { WANDB_API_KEY: apiKey, WANDB_BASE_URL: endpoint } },
      );
      const source = createWeaveSource(settings, { retry: { sleep: async () => {} } });
      for await (const _batch of source.readRecords()) {
        // Reading is what fails.
      }
      return undefined;
    } catch (error) {
      return error;
    }
  },
});
