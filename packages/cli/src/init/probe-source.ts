import { resolveConfig, SlokitError, type SourceDiscovery } from '@slokit/core';
import { createSource } from '@slokit/engine';
import type { CliIo } from '../cli-io.js';
import { discoverSource } from '../discovery/discover-source.js';
import type { InitSource } from './init-source.js';

export type ProbeResult = { found: SourceDiscovery; evalMetrics: string[] } | { failure: string };

/**
 * Opens the chosen source and reads what `discover` reads (the records of a window, the eval summary). A source
 * that cannot be read (no key yet, unreachable, a file not there yet) is a failure to report, not an error: `init`
 * still writes a config to start from.
 */
export async function probeSource(
  source: InitSource,
  window: { since?: Date; until?: Date },
  io: CliIo,
): Promise<ProbeResult> {
  // A config needs one SLO; availability is one every source can answer.
  const config = resolveConfig(
    {
      version: 1,
      sources: { [source.name]: source.config },
      slos: [
        {
          name: 'availability',
          sli: { ratio: { good: { field: 'status', equals: 'success' } } },
          objective: { target: 0.995 },
        },
      ],
    },
    { baseDir: io.cwd },
  );
  try {
    const opened = await createSource(source.name, config, { env: io.env });
    return await discoverSource(opened, window);
  } catch (error) {
    if (!SlokitError.isInstance(error)) throw error;
    return { failure: error.message };
  }
}
