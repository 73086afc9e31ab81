import { isAbsolute, resolve as resolvePathFrom } from 'node:path';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from '../errors/config-error.js';
import type { AlertingConfig } from '../slo/alerting-schema.js';
import { parseDuration } from '../slo/duration.js';
import { inferOp } from '../slo/infer-op.js';
import { inferUnit } from '../slo/infer-unit.js';
import type { ResolvedObjective, ResolvedSli, ResolvedSlo } from '../slo/resolved-slo.js';
import type { ObjectiveConfig, SliConfig, shorthandSloSchema, sloSchema } from '../slo/slo-schema.js';
import { parsePercentileAggregate } from '../stats/quantile.js';
import { configSchema } from './config-schema.js';
import type { FileSourceConfig } from './file-source-config.js';
import { forbiddenConfigKeys } from './forbidden-config-keys.js';
import { formatConfigPath } from './format-config-path.js';
import { resolveAlertPolicy, resolveBurnRates } from './resolve-alert-policy.js';
import { type ResolvedConfig, resolvedConfigMarker } from './resolved-config.js';

type SloEntry = z.infer<typeof sloSchema>;
type ShorthandEntry = z.infer<typeof shorthandSloSchema>;

/**
 * Validates a config object (from YAML, JSON or `defineConfig`) and resolves its defaults.
 * Throws a ConfigError listing every problem with its config path.
 */
export function resolveConfig(raw: unknown, options: { file?: string; baseDir: string }): ResolvedConfig {
  const forbidden = forbiddenConfigKeys(raw);
  if (forbidden.length > 0) throw new ConfigError(options.file, forbidden);
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      options.file,
      parsed.error.issues.map((issue) => ({ path: formatConfigPath(issue.path), message: issue.message })),
    );
  }
  const { sources, slos } = parsed.data;
  const defaults = parsed.data.alerting;
  const problems: ConfigProblem[] = [];
  const entries: Array<{ path: string; slo: SloEntry }> = Array.isArray(slos)
    ? slos.map((slo, index) => ({ path: `slos[${index}]`, slo }))
    : Object.entries(slos).map(([name, shorthand]) => ({
        path: formatConfigPath(['slos', name]),
        slo: fromShorthand(name, shorthand),
      }));

  const sourceNames = Object.keys(sources);
  const seen = new Set<string>();
  const resolved: ResolvedSlo[] = [];
  for (const { path, slo } of entries) {
    if (seen.has(slo.name))
      problems.push({ path: `${path}.name`, message: `duplicate SLO name '${slo.name}'` });
    seen.add(slo.name);
    const result = resolveSlo(slo, path, sourceNames, sources, defaults);
    if ('problems' in result) problems.push(...result.problems);
    else resolved.push(result.slo);
  }
  if (entries.length === 0) problems.push({ path: 'slos', message: 'expected at least one SLO' });
  const publish = parsed.data.publish ?? [];
  publish.forEach((name, index) => {
    if (!sourceNames.includes(name)) {
      problems.push({
        path: `publish[${index}]`,
        message: `unknown source '${name}' (configured: ${sourceNames.join(', ')})`,
      });
    }
  });
  const maintenance = (parsed.data.maintenance ?? []).map((window, index) => {
    const from = Date.parse(window.from);
    const to = Date.parse(window.to);
    if (!(from < to))
      problems.push({
        path: `maintenance[${index}].to`,
        message: `expected a time after from (${window.from})`,
      });
    for (const name of window.slos ?? []) {
      if (!seen.has(name))
        problems.push({ path: `maintenance[${index}].slos`, message: `unknown SLO '${name}'` });
    }
    return { from, to, slos: window.slos ?? null, reason: window.reason ?? 'maintenance' };
  });
  const channels = parsed.data.channels ?? {};
  const routes = parsed.data.routes ?? [];
  routes.forEach((route, index) => {
    route.to.forEach((name, position) => {
      if (!(name in channels)) {
        problems.push({
          path: `routes[${index}].to[${position}]`,
          message: `unknown channel '${name}' (configured: ${Object.keys(channels).join(', ') || 'none'})`,
        });
      }
    });
  });
  if (problems.length > 0) throw new ConfigError(options.file, problems);
  const store = parsed.data.store?.url
    ? { kind: 'postgres' as const, url: parsed.data.store.url }
    : {
        kind: 'sqlite' as const,
        path: resolvePath(options.baseDir, parsed.data.store?.path ?? '.slokit/state.db'),
      };
  const sync = parsed.data.sync;

  return {
    [resolvedConfigMarker]: true,
    version: 1,
    ...(options.file === undefined ? {} : { file: options.file }),
    baseDir: options.baseDir,
    sources,
    slos: resolved,
    store,
    sync: {
      overlapMs: parseDuration(sync?.overlap ?? '10m')!,
      backfillMs: parseDuration(sync?.backfill ?? '30d')!,
      ...(sync?.every === undefined ? {} : { everyMs: parseDuration(sync.every)! }),
      ...(sync?.staleAfter === undefined ? {} : { staleAfterMs: parseDuration(sync.staleAfter)! }),
    },
    publish,
    maintenance,
    channels,
    routes,
  };
}

function fromShorthand(name: string, shorthand: ShorthandEntry): SloEntry {
  const { op, target, warning, critical, ...rest } = shorthand;
  return {
    ...rest,
    name,
    sli: { evalMetric: name },
    objective: { op, target, warning, critical },
  } as SloEntry;
}

/** A `summary`, or a `path` that may be a JSON document of eval results (`{"metrics": {...}}`), read as one. */
function fileSourceHasEvalSummary(config: FileSourceConfig): boolean {
  if (config.summary !== undefined) return true;
  return config.format === undefined && config.path?.toLowerCase().endsWith('.json') === true;
}

function resolveSlo(
  slo: SloEntry,
  path: string,
  sourceNames: string[],
  sources: ResolvedConfig['sources'],
  defaults: AlertingConfig | undefined,
): { slo: ResolvedSlo } | { problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const sli = resolveSli(slo.sli as SliConfig);

  let source = slo.source;
  if (source === undefined) {
    if (sourceNames.length === 1) source = sourceNames[0];
    else {
      problems.push({
        path: `${path}.source`,
        message: `required when more than one source is configured (one of: ${sourceNames.join(', ')})`,
      });
    }
  } else if (!sourceNames.includes(source)) {
    problems.push({
      path: `${path}.source`,
      message: `unknown source '${source}' (configured: ${sourceNames.join(', ')})`,
    });
  }
  if (source !== undefined && sli.kind === 'evalMetric') {
    const config = sources[source];
    if (config?.type === 'file' && !fileSourceHasEvalSummary(config as FileSourceConfig)) {
      problems.push({
        path: `${path}.sli.evalMetric`,
        message: `source '${source}' has no eval summary: set \`summary: ./eval-summary.json\` on it`,
      });
    }
  }

  const objective = resolveObjective(slo.objective, sli, `${path}.objective`, problems);
  if (!objective || problems.length > 0 || source === undefined) return { problems };

  const measuredName = sli.kind === 'metric' ? sli.metric : sli.kind === 'evalMetric' ? sli.name : '';
  const unit =
    slo.unit ??
    inferUnit(
      sli.kind === 'ratio'
        ? { kind: 'ratio' }
        : sli.kind === 'metric'
          ? { kind: 'metric', name: measuredName, aggregate: sli.aggregate }
          : { kind: 'evalMetric', name: measuredName },
      objective.objective.target,
    );
  const resolved: ResolvedSlo = {
    name: slo.name,
    source,
    sli,
    objective: objective.objective,
    minSamples: slo.minSamples ?? 1,
    labels: slo.labels ?? {},
    unit,
    alerting: resolveAlertPolicy(defaults, slo.alerting),
    burnRates: resolveBurnRates(
      slo.window === undefined ? undefined : parseDuration(slo.window),
      slo.alerting?.burnRates,
    ),
    minEvents: slo.alerting?.minEvents ?? defaults?.minEvents ?? 10,
    timeSliceTarget: (slo as { timeSliceTarget?: number }).timeSliceTarget ?? 0.99,
  };
  if (objective.inferred) resolved.opInferred = objective.inferred;
  if (slo.description !== undefined) resolved.description = slo.description;
  if (slo.window !== undefined) {
    resolved.window = slo.window;
    resolved.windowMs = parseDuration(slo.window)!;
  }
  if (slo.groupBy !== undefined) resolved.groupBy = slo.groupBy;
  if (slo.maxSegments !== undefined) resolved.maxSegments = slo.maxSegments;
  if (slo.runbook !== undefined) resolved.runbook = slo.runbook;
  return { slo: resolved };
}

function resolveSli(sli: SliConfig): ResolvedSli {
  if ('ratio' in sli) {
    return sli.ratio.total
      ? { kind: 'ratio', good: sli.ratio.good, total: sli.ratio.total }
      : { kind: 'ratio', good: sli.ratio.good };
  }
  if ('evalMetric' in sli) return { kind: 'evalMetric', name: sli.evalMetric };
  const quantile = parsePercentileAggregate(sli.aggregate);
  return quantile === undefined
    ? { kind: 'metric', metric: sli.metric, aggregate: sli.aggregate }
    : { kind: 'metric', metric: sli.metric, aggregate: sli.aggregate, quantile };
}

function resolveObjective(
  objective: ObjectiveConfig,
  sli: ResolvedSli,
  path: string,
  problems: ConfigProblem[],
): { objective: ResolvedObjective; inferred?: string } | undefined {
  let op = objective.op;
  let inferred: string | undefined;
  if (op === undefined) {
    const inference = inferOp(
      sli.kind === 'ratio'
        ? { kind: 'ratio' }
        : { kind: sli.kind, name: sli.kind === 'metric' ? sli.metric : sli.name },
      objective,
    );
    if ('conflict' in inference) {
      problems.push({ path: `${path}.op`, message: inference.conflict });
      return undefined;
    }
    op = inference.op;
    inferred = inference.reason;
  }
  const higherIsBetter = op === 'gte' || op === 'gt';
  const order = higherIsBetter ? 'target >= warning >= critical' : 'target <= warning <= critical';
  // A threshold must lie on the bad side of (or equal to) the one before it.
  const outOfOrder = (threshold: number, reference: number) =>
    higherIsBetter ? threshold > reference : threshold < reference;
  const { target, warning, critical } = objective;
  if (warning !== undefined && outOfOrder(warning, target)) {
    problems.push({
      path: `${path}.warning`,
      message: `expected ${higherIsBetter ? '<=' : '>='} target ${target} for op ${op} (${order}), found ${warning}`,
    });
  }
  if (critical !== undefined && outOfOrder(critical, warning ?? target)) {
    const reference = warning !== undefined ? `warning ${warning}` : `target ${target}`;
    problems.push({
      path: `${path}.critical`,
      message: `expected ${higherIsBetter ? '<=' : '>='} ${reference} for op ${op} (${order}), found ${critical}`,
    });
  }
  if (sli.kind === 'ratio') {
    for (const [key, value] of Object.entries({ target, warning, critical })) {
      if (value !== undefined && (value < 0 || value > 1)) {
        problems.push({
          path: `${path}.${key}`,
          message: `expected a fraction between 0 and 1 for a ratio SLI, found ${value}`,
        });
      }
    }
  }
  const resolved: ResolvedObjective = { op, target };
  if (warning !== undefined) resolved.warning = warning;
  if (critical !== undefined) resolved.critical = critical;
  return inferred === undefined ? { objective: resolved } : { objective: resolved, inferred };
}

function resolvePath(baseDir: string, path: string): string {
  return isAbsolute(path) ? path : resolvePathFrom(baseDir, path);
}
