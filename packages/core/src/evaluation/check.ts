import type { SlokitConfig } from '../config/define-config.js';
import { resolveConfig } from '../config/resolve-config.js';
import { isResolvedConfig, type ResolvedConfig } from '../config/resolved-config.js';
import { InputError } from '../errors/input-error.js';
import { SlokitError } from '../errors/slokit-error.js';
import { SourceError } from '../errors/source-error.js';
import type { Report, SloReport, SourceReport } from '../report/report.js';
import type { ResolvedSlo } from '../slo/resolved-slo.js';
import { createSource, type SourceFactory } from '../source/create-source.js';
import type { EvalSource, EvalSummary } from '../source/eval-source.js';
import { evalMetricOutcome } from './eval-metric-outcome.js';
import { budgetOf, type RecordSloOutcome, SloEvaluator } from './slo-evaluator.js';
import { classifyStatus } from './slo-status.js';

export interface CheckProgress {
  source: string;
  records: number;
  skipped: number;
}

export interface CheckOptions {
  /** Evaluation time: every window ends here. Default: now. */
  at?: Date | string;
  /** Ready-made sources by config name; others are built from the config. */
  sources?: Record<string, EvalSource>;
  /** Factories for source types that are not built in (default: import `@slokit/<type>`). */
  sourceFactories?: Record<string, SourceFactory>;
  /** Make the first invalid record fatal (InputError) instead of skipping and counting it. */
  strict?: boolean;
  /** How many record issues each source lists in the report (all are counted). Default 50. */
  issueLimit?: number;
  signal?: AbortSignal;
  onProgress?: (progress: CheckProgress) => void;
  env?: Record<string, string | undefined>;
  /** Identifies this check for publishers' idempotent writes. Default: the evaluation time. */
  checkId?: string;
  /** The clock, for `generatedAt` and the default `at`. */
  now?: () => Date;
}

/** Evaluates every SLO of a config at one time and returns the report `slokit check --format json` prints. */
export async function check(
  input: ResolvedConfig | SlokitConfig,
  options: CheckOptions = {},
): Promise<Report> {
  const config = isResolvedConfig(input) ? input : resolveConfig(input, { baseDir: process.cwd() });
  const now = options.now ?? (() => new Date());
  const at = resolveAt(options.at, now);
  const issueLimit = options.issueLimit ?? 50;

  const outcomes = new Map<ResolvedSlo, Outcome>();
  const sourceReports: SourceReport[] = [];

  for (const sourceName of Object.keys(config.sources)) {
    const slos = config.slos.filter((slo) => slo.source === sourceName);
    if (slos.length === 0) continue;
    const report: SourceReport = {
      name: sourceName,
      type: config.sources[sourceName]?.type ?? 'unknown',
      records: 0,
      skipped: 0,
      issues: [],
      error: null,
    };
    sourceReports.push(report);
    try {
      await evaluateSource(sourceName, slos, report, outcomes, config, at, { ...options, issueLimit });
    } catch (error) {
      // A source that cannot be read leaves its SLOs without data; the other sources still evaluate.
      if (!(SlokitError.isInstance(error) && error.exitCode === 3)) throw error;
      report.error = error.message;
      for (const slo of slos) outcomes.set(slo, { failure: error.message });
    }
  }

  const slos = config.slos.map((slo) => buildSloReport(slo, outcomes.get(slo), at));
  const counted = slos.filter((slo) => slo.status !== 'no_data' && slo.status !== 'insufficient_data');
  const met = counted.filter((slo) => slo.status === 'ok').length;
  return {
    schemaVersion: 1,
    checkId: options.checkId ?? at.toISOString(),
    generatedAt: now().toISOString(),
    at: at.toISOString(),
    slos,
    compliance: counted.length === 0 ? null : met / counted.length,
    complianceCounts: { met, counted: counted.length },
    sources: sourceReports,
  };
}

type Outcome = RecordSloOutcome | EvalSummary | { failure: string } | undefined;

async function evaluateSource(
  sourceName: string,
  slos: ResolvedSlo[],
  report: SourceReport,
  outcomes: Map<ResolvedSlo, Outcome>,
  config: ResolvedConfig,
  at: Date,
  options: CheckOptions & { issueLimit: number },
): Promise<void> {
  const source =
    options.sources?.[sourceName] ??
    (await createSource(sourceName, config, {
      ...(options.sourceFactories ? { factories: options.sourceFactories } : {}),
      ...(options.env ? { env: options.env } : {}),
    }));
  report.type = source.type;
  const recordSlos = slos.filter((slo) => slo.sli.kind !== 'evalMetric');
  const summarySlos = slos.filter((slo) => slo.sli.kind === 'evalMetric');
  const results = new Map<ResolvedSlo, Outcome>();
  if (recordSlos.length > 0) {
    const evaluators = recordSlos.map((slo) => new SloEvaluator(slo, at.getTime()));
    await readInto(source, evaluators, report, at, options);
    for (const evaluator of evaluators) results.set(evaluator.slo, evaluator.finish());
  }
  if (summarySlos.length > 0) {
    const signal = options.signal ? { signal: options.signal } : {};
    const summary = await guard(sourceName, () =>
      source.readEvalSummary ? source.readEvalSummary(signal) : Promise.resolve(undefined),
    );
    for (const slo of summarySlos) results.set(slo, summary);
  }
  for (const [slo, outcome] of results) outcomes.set(slo, outcome);
}

function resolveAt(at: Date | string | undefined, now: () => Date): Date {
  if (at === undefined) return now();
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) {
    throw new SlokitError(
      `--at: expected an ISO 8601 time such as 2026-11-26T14:00:00Z, found ${JSON.stringify(String(at))}`,
    );
  }
  return date;
}

async function readInto(
  source: EvalSource,
  evaluators: SloEvaluator[],
  report: SourceReport,
  at: Date,
  options: CheckOptions & { issueLimit: number },
): Promise<void> {
  const windows = evaluators.map((evaluator) => evaluator.slo.windowMs);
  const longest = windows.some((window) => window === undefined)
    ? undefined
    : Math.max(...(windows as number[]));
  const readOptions = {
    ...(longest === undefined ? {} : { since: new Date(at.getTime() - longest), until: at }),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  await guard(source.name, async () => {
    for await (const batch of source.readRecords(readOptions)) {
      for (const issue of batch.issues) {
        if (options.strict) throw new InputError(issue.location, issue.line, issue.message);
        report.skipped++;
        if (report.issues.length < options.issueLimit) report.issues.push(issue);
      }
      const { records, times } = batch;
      for (let index = 0; index < records.length; index++) {
        const record = records[index]!;
        const time = times[index]!;
        for (const evaluator of evaluators) evaluator.add(record, time);
      }
      report.records += records.length;
      options.onProgress?.({ source: source.name, records: report.records, skipped: report.skipped });
    }
  });
}

/** Anything a source throws that is not already a slokit error means the source could not be read (exit 3). */
async function guard<T>(source: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (SlokitError.isInstance(error) || (error as Error)?.name === 'AbortError') throw error;
    throw new SourceError(source, (error as Error)?.message ?? String(error), { cause: error });
  }
}

function buildSloReport(slo: ResolvedSlo, outcome: Outcome, at: Date): SloReport {
  const base = {
    name: slo.name,
    description: slo.description ?? null,
    source: slo.source,
    sli:
      slo.sli.kind === 'metric'
        ? { kind: 'metric' as const, field: slo.sli.metric, aggregate: slo.sli.aggregate }
        : slo.sli.kind === 'ratio'
          ? { kind: 'ratio' as const, field: slo.sli.good.field, aggregate: null }
          : { kind: 'evalMetric' as const, field: slo.sli.name, aggregate: null },
    op: slo.objective.op,
    opInferred: slo.opInferred ?? null,
    target: slo.objective.target,
    warning: slo.objective.warning ?? null,
    critical: slo.objective.critical ?? null,
    window: slo.window ?? null,
    windowStart: slo.windowMs === undefined ? null : new Date(at.getTime() - slo.windowMs).toISOString(),
    groupBy: slo.groupBy ?? null,
    unit: slo.unit,
    runbook: slo.runbook ?? null,
    labels: slo.labels,
  };
  if (outcome !== undefined && 'failure' in outcome) {
    return {
      ...base,
      status: 'no_data',
      value: null,
      samples: 0,
      interval: null,
      errorBudget: null,
      exact: null,
      segments: null,
      notes: [`not evaluated: ${outcome.failure}`],
    };
  }
  if (slo.sli.kind === 'evalMetric') {
    const result = evalMetricOutcome(slo, outcome as EvalSummary | undefined, at);
    return {
      ...base,
      status: classifyStatus(result.value, result.samples, slo.minSamples, slo.objective),
      value: result.value,
      samples: result.samples,
      interval: null,
      errorBudget: null,
      exact: null,
      segments: null,
      notes: result.notes,
    };
  }
  const { overall, segments } = outcome as RecordSloOutcome;
  const notes: string[] = [];
  if (overall.ignored > 0) {
    notes.push(`${overall.ignored} value(s) of ${base.sli.field} were not numbers and were not counted`);
  }
  if (overall.exact === false) notes.push('percentile estimated with a DDSketch (1 % relative accuracy)');
  return {
    ...base,
    status: classifyStatus(overall.value, overall.samples, slo.minSamples, slo.objective),
    value: overall.value,
    samples: overall.samples,
    interval: overall.interval,
    errorBudget: budgetOf(slo, overall),
    exact: overall.exact,
    segments,
    notes,
  };
}
