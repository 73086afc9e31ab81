import { type ResolvedConfig, resolveConfig } from '@slokit/core';

/** A config with one memory source and one SLO, and the given channels and routes. */
export function notifyConfig(
  channels: Record<string, Record<string, unknown> & { type: string }>,
  routes: Array<Record<string, unknown>> = [{ to: Object.keys(channels).slice(0, 1) }],
): ResolvedConfig {
  return resolveConfig(
    {
      sources: { prod: { type: 'memory' } },
      slos: [
        {
          name: 'availability',
          sli: { ratio: { good: { field: 'status', equals: 'success' } } },
          objective: { op: 'gte', target: 0.9 },
          window: '1h',
        },
      ],
      channels,
      routes: Object.keys(channels).length === 0 ? [] : routes,
    },
    { baseDir: '/tmp' },
  );
}
