import type { ChannelV1, ResolvedConfig, StateStore } from '@slokit/core';
import type { CreateChannelOptions } from '../create-channel.js';

export interface DeliverOutboxOptions {
  store: StateStore;
  config: ResolvedConfig;
  env?: Record<string, string | undefined>;
  /** The clock of the outbox (due rows, next attempts); default Date.now. */
  now?: () => number;
  signal?: AbortSignal;
  /** Prebuilt channels by name, used instead of building them from the config (tests, embedding). */
  channels?: Record<string, ChannelV1>;
  /** Retries of a retryable failure within this call, before the row waits for the next sync. */
  retry?: { maxAttempts?: number; maxTotalMs?: number; initialDelayMs?: number; maxDelayMs?: number };
  /** Rows read at a time. Default 500. */
  pageSize?: number;
  /** Passed to createChannel: factories for other channel types, and fetch for tests. */
  factories?: CreateChannelOptions['factories'];
  fetch?: typeof globalThis.fetch;
  /** Injectable for tests: the waits between retries, and the jitter. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}
