import type { ChannelV1 } from '@slokit/core';

/** What every channel factory takes besides its name and settings. */
export interface ChannelFactoryOptions {
  /** Where a channel reads environment variables, if it does; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** The config file, named in config errors. */
  configFile?: string;
  /** Injectable for tests: the HTTP client of the HTTP channels. */
  fetch?: typeof globalThis.fetch;
}

/** `create<Type>Channel(name, settings, options)`: each channel module exports one. */
export type ChannelFactory = (
  name: string,
  // biome-ignore lint/suspicious/noExplicitAny: each factory types its own settings
  settings: any,
  options?: ChannelFactoryOptions,
) => ChannelV1 | Promise<ChannelV1>;
