import type { EvalRecord, EvalSourceV1, PublisherV1 } from '@slokit/core';
import type { LangSmithEmulator } from '@slokit/testkit/langsmith';
import type { LangSmithApiOptions } from '../client/langsmith-api.js';
import { createLangSmithPublisher } from '../publish/langsmith-publisher.js';
import { type LangSmithConnection, resolveConnection } from '../settings/langsmith-connection.js';
import {
  type LangSmithSourceConfigInput,
  langSmithSourceConfigSchema,
} from '../settings/langsmith-source-config.js';
import { createLangSmithSource, type LangSmithSource } from '../source/langsmith-source.js';
import { runIdOf } from './write-records-with-sdk.js';

/** The environment a user sets to point slokit at the emulator. */
export function emulatorEnv(emulator: LangSmithEmulator): Record<string, string> {
  return { LANGSMITH_API_KEY: emulator.apiKey, LANGSMITH_ENDPOINT: emulator.url };
}

export function connectionFor(
  emulator: LangSmithEmulator,
  config: Omit<LangSmithSourceConfigInput, 'type'> = { project: 'support-bot' },
  env: Record<string, string | undefined> = emulatorEnv(emulator),
): LangSmithConnection {
  return resolveConnection('prod', langSmithSourceConfigSchema.parse({ type: 'langsmith', ...config }), {
    baseDir: '.',
    env,
  });
}

/**
 * Retries that do not wait: a fake clock moves by each delay asked for, so tests check delays and the bounded total
 * time without waiting for them.
 */
export function instantRetries(delays: number[] = []): LangSmithApiOptions {
  let clock = 0;
  return {
    retry: {
      now: () => clock,
      sleep: async (ms: number) => {
        delays.push(ms);
        clock += ms;
      },
    },
  };
}

/** A source named `prod` reading the emulator, configured as a user would (the env carries key and endpoint). */
export function sourceFor(
  emulator: LangSmithEmulator,
  config: Omit<LangSmithSourceConfigInput, 'type'>,
  options: LangSmithApiOptions = instantRetries(),
  env?: Record<string, string | undefined>,
): Promise<LangSmithSource> {
  const parsed = langSmithSourceConfigSchema.parse({ type: 'langsmith', ...config });
  return createLangSmithSource('prod', parsed, connectionFor(emulator, config, env), options);
}

export function publisherFor(
  emulator: LangSmithEmulator,
  config: Omit<LangSmithSourceConfigInput, 'type'>,
  options: LangSmithApiOptions = instantRetries(),
): Promise<PublisherV1> {
  const parsed = langSmithSourceConfigSchema.parse({ type: 'langsmith', ...config });
  return createLangSmithPublisher('prod', parsed, connectionFor(emulator, config), options);
}

/**
 * LangSmith run ids are UUIDs, so the records are written under `runIdOf(record)`; this shows the source's records
 * under the records' own ids again for the conformance suite. Nothing else about them changes.
 */
export function withRecordIds(source: EvalSourceV1, records: EvalRecord[]): EvalSourceV1 {
  const ids = new Map(records.map((record) => [runIdOf(record), record.id!]));
  return {
    specificationVersion: source.specificationVersion,
    name: source.name,
    type: source.type,
    async *readRecords(options) {
      for await (const batch of source.readRecords(options)) {
        yield {
          ...batch,
          records: batch.records.map((record) => ({ ...record, id: ids.get(record.id!) ?? record.id })),
        };
      }
    },
  };
}

/** Reads everything a source returns for a window. */
export async function readAll(
  source: EvalSourceV1,
  options: Parameters<EvalSourceV1['readRecords']>[0] = {},
) {
  const records: EvalRecord[] = [];
  const times: number[] = [];
  const issues = [];
  const cursors: (string | undefined)[] = [];
  for await (const batch of source.readRecords(options)) {
    records.push(...batch.records);
    times.push(...batch.times);
    issues.push(...batch.issues);
    cursors.push(batch.cursor);
  }
  return { records, times, issues, cursors };
}
