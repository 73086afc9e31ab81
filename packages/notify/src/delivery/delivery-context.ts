import type { StateStore } from '@slokit/core';
import { channelSecrets, environmentSecrets, redactSecrets } from '../http/redact-secrets.js';
import type { DeliverOutboxOptions } from './deliver-outbox-options.js';
import type { DeliveryReport } from './delivery-report.js';

/** What every stage of one channel's delivery shares. */
export interface DeliveryContext {
  /** The configured channel name. */
  channel: string;
  store: StateStore;
  report: DeliveryReport;
  now: () => number;
  random: (() => number) | undefined;
  /** Removes the channel's secrets (and any URL) from a text before it is stored or reported. */
  clean: (text: string) => string;
}

export function deliveryContext(
  channel: string,
  options: DeliverOutboxOptions,
  report: DeliveryReport,
): DeliveryContext {
  // Secrets come from the config at send time: the channel's settings, and credential-like environment variables.
  const secrets = [
    ...channelSecrets(options.config.channels[channel] ?? {}),
    ...environmentSecrets(options.env ?? process.env),
  ].sort((a, b) => b.length - a.length);
  return {
    channel,
    store: options.store,
    report,
    now: options.now ?? Date.now,
    random: options.random,
    clean: (text) => redactSecrets(text, secrets),
  };
}
