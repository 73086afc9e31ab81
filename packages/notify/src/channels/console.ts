import { type AlertBatch, ChannelError, type ChannelV1, type DigestBatch } from '@slokit/core';
import { z } from 'zod';
import type { ChannelFactoryOptions } from '../channel-factory.js';
import {
  batchCounts,
  budgetText,
  burnText,
  bySeverity,
  eventLine,
  trendText,
} from '../message/alert-text.js';
import { digestLine, digestTitle } from '../message/digest-text.js';
import { scheduleSchema } from '../settings/common-settings.js';
import { parseChannelSettings } from '../settings/parse-channel-settings.js';

/** `channels.<name>` for `type: console` (without `type`). */
export const consoleChannelSettingsSchema = z.strictObject({
  /** Where to print: `stdout` (default) or `stderr`. */
  stream: z.enum(['stdout', 'stderr']).optional(),
  schedule: scheduleSchema.optional(),
});

export type ConsoleChannelSettings = z.input<typeof consoleChannelSettingsSchema>;

/** Anything with `write`, such as process.stdout. */
export interface ConsoleOutput {
  write(text: string, callback?: (error?: Error | null) => void): unknown;
}

export interface ConsoleChannelOptions extends ChannelFactoryOptions {
  /** Injectable for tests; default: the configured stream. */
  output?: ConsoleOutput;
}

/** Prints each batch readably: a heading line, then each event with its value, window, budget, trend and links. */
export function createConsoleChannel(
  name: string,
  settings: ConsoleChannelSettings = {},
  options: ConsoleChannelOptions = {},
): ChannelV1 {
  const parsed = parseChannelSettings(consoleChannelSettingsSchema, name, settings, options.configFile);
  const output = options.output ?? (parsed.stream === 'stderr' ? process.stderr : process.stdout);
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => {
      try {
        output.write(text, (error) =>
          error
            ? reject(new ChannelError(name, `could not print (${error.message})`, { retryable: false }))
            : resolve(),
        );
      } catch (error) {
        reject(new ChannelError(name, `could not print (${(error as Error).message})`, { retryable: false }));
      }
    });
  return {
    specificationVersion: 'v1',
    name,
    type: 'console',
    send: (batch) => write(renderConsoleBatch(batch)),
    sendDigest: (digest) => write(renderConsoleDigest(digest)),
  };
}

/** Events printed per batch: past it, the most severe, then a line saying how many more there are. */
export const consoleEventsPerBatch = 100;

/** The text the console channel prints for a batch. */
export function renderConsoleBatch(batch: AlertBatch): string {
  const time = `${batch.at.slice(0, 10)} ${batch.at.slice(11, 16)} UTC`;
  const lines = [
    `${batch.test ? '[TEST] ' : ''}SLO alerts for ${batch.channel} at ${time}: ${batchCounts(batch.events) || 'no events'} (batch ${batch.id})`,
  ];
  if (batch.test) lines.push('  This is a test message sent by `slokit test-channel`: no SLO is affected.');
  const shown =
    batch.events.length > consoleEventsPerBatch
      ? bySeverity(batch.events).slice(0, consoleEventsPerBatch)
      : batch.events;
  for (const event of shown) {
    lines.push(`  ${eventLine(event)}`);
    const samples = `${event.samples.toLocaleString('en-US')} sample${event.samples === 1 ? '' : 's'}`;
    const details = [samples, budgetText(event), trendText(event), burnText(event)].filter(
      (text) => text !== null,
    );
    lines.push(`     ${details.join(' · ')}`);
    const examples = event.worstExamples
      .slice(0, 3)
      .map((example) =>
        example.url ? `${example.id ?? 'example'} ${example.url}` : (example.id ?? 'example'),
      );
    if (examples.length > 0) lines.push(`     worst: ${examples.join(', ')}`);
    if (event.runbook) lines.push(`     runbook: ${event.runbook}`);
  }
  const more = batch.events.length - shown.length;
  if (more > 0) lines.push(`  …and ${more.toLocaleString('en-US')} more events (the most severe are shown)`);
  return `${lines.join('\n')}\n`;
}

/** The text the console channel prints for a digest. */
export function renderConsoleDigest(digest: DigestBatch): string {
  return `${[`${digestTitle(digest)} (digest ${digest.id})`, ...digest.report.slos.map((slo) => `  ${digestLine(slo)}`)].join('\n')}\n`;
}
