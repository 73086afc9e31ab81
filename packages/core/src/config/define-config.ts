import type { z } from 'zod';
import type { SliConfig, shorthandSloSchema, sloSchema } from '../slo/slo-schema.js';
import type { configSchema, SourceConfig } from './config-schema.js';

type ConfigInput = z.input<typeof configSchema>;

/** One SLO of the list form, as written in a config. */
export type SloInput = Omit<z.input<typeof sloSchema>, 'sli'> & { sli: SliConfig };

/** What a `slokit.config.ts` default-exports; `slos` is a list, or the shorthand mapping of eval metrics. */
export type SlokitConfig = Omit<ConfigInput, 'sources' | 'slos'> & {
  sources: Record<string, SourceConfig>;
  slos: SloInput[] | Record<string, z.input<typeof shorthandSloSchema>>;
};

/** Types a `slokit.config.ts` without changing it: `export default defineConfig({ ... })`. */
export function defineConfig<const Config extends SlokitConfig>(config: Config): Config {
  return config;
}
