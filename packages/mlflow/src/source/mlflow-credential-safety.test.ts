import { testTrackerSafety } from '@slokit/adapter-utils/testing';
import type { EvalSourceV1 } from '@slokit/core';
import { createMlflowSource } from './create-mlflow-source.js';

const instantRetries = { retry: { sleep: async () => {} } };

async function readFrom(env: Record<string, string>): Promise<unknown> {
  try {
    const source: EvalSourceV1 = createMlflowSource(
      'prod',
      { type: 'mlflow', experiment: 'support-bot', traces: true },
      { baseDir: '.', env },
      instantRetries,
    );
    for await (const _batch of source.readRecords()) {
      // Reading is what fails.
    }
    return undefined;
  } catch (error) {
    return error;
  }
}

const token = 'mlflow-token-5a7c9e1b3d';
testTrackerSafety('MLflow with a token', {
  secrets: [token],
  read: (endpoint) => readFrom({ MLFLOW_TRACKING_URI: endpoint, MLFLOW_TRACKING_TOKEN: token }),
});

const password = 'basic-pass-8f2d6b4a';
testTrackerSafety('MLflow with Basic auth', {
  secrets: [password],
  read: (endpoint) =>
    readFrom({
      MLFLOW_TRACKING_URI: endpoint,
      MLFLOW_TRACKING_USERNAME: 'slokit',
      MLFLOW_TRACKING_PASSWORD: password,
    }),
});
