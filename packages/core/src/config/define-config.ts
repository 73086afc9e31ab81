import type { z } from 'zod';
import type { SliConfig } from '../slo/slo-schema.js';
import type { configSchema, SourceConfig } from './config-schema.js';

type ConfigInput = z.input<typeof configSchema>;
type SloListEntry = Extract<ConfigInput['slos'], unknown[]>[number];

/** What a `slokit.config.ts` default-exports; `slos` is a list, or the shorthand mapping of eval metrics. */
export type SlokitConfig = Omit<ConfigInput, 'sources' | 'slos'> & {
  sources: Record<string, SourceConfig>;
  slos: Array<Omit<SloListEntry, 'sli'> & { sli: SliConfig }> | Exclude<ConfigInput['slos'], unknown[]>;
};

/** Types a `slokit.config.ts` without changing it: `export default defineConfig({ ... })`. */
export function defineConfig<const Config extends SlokitConfig>(config: Config): Config {
  return config;
}
