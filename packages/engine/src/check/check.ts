import {
  buildSloReport,
  complianceOf,
  type EvalSource,
  type EvalSummary,
  evalMetricOutcome,
  InputError,
  isResolvedConfig,
  type Report,
  type ResolvedConfig,
  type ResolvedSlo,
  resolveConfig,
  SloFold,
  type SlokitConfig,
  SlokitError,
  type SloOutcome,
  SourceError,
  type SourceFactory,
  type SourceReport,
  windowOutcome,
} from '@slokit/core/internal';
import { createSource } from '../source/create-source.js';
import { guardSource } from '../source/guard-source.js';
import { RecordIds } from './record-ids.js';

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

type ReadOptions = CheckOptions & { issueLimit: number };

/** The one bucket `check` folds a window into: windows are exact, `at - window < time <= at`. */
const windowBucket = 0;

/** Evaluates every SLO of a config at one time and returns the report `slokit check --format json` prints. */
export async function check(
  input: ResolvedConfig | SlokitConfig,
  options: CheckOptions = {},
): Promise<Report> {
  const config = isResolvedConfig(input) ? input : resolveConfig(input, { baseDir: process.cwd() });
  const now = options.now ?? (() => new Date());
  const at = resolveAt(options.at, now);
  const readOptions = { ...options, issueLimit: options.issueLimit ?? 50 };
  const outcomes = new Map<ResolvedSlo, SloOutcome>();
  const sources: SourceReport[] = [];
  for (const sourceName of Object.keys(config.sources)) {
    const slos = config.slos.filter((slo) => slo.source === sourceName);
    if (slos.length === 0) continue;
    sources.push(await checkSource(sourceName, slos, config, at, readOptions, outcomes));
  }
  const slos = config.slos.map((slo) =>
    buildSloReport(slo, outcomes.get(slo) ?? noOutcome([]), at.getTime()),
  );
  return {
    schemaVersion: 1,
    checkId: options.checkId ?? at.toISOString(),
    generatedAt: now().toISOString(),
    at: at.toISOString(),
    slos,
    ...complianceOf(slos),
    sources,
  };
}

/** Reads one source and evaluates its SLOs; a source that cannot be read leaves them without data. */
async function checkSource(
  sourceName: string,
  slos: ResolvedSlo[],
  config: ResolvedConfig,
  at: Date,
  options: ReadOptions,
  outcomes: Map<ResolvedSlo, SloOutcome>,
): Promise<SourceReport> {
  const report: SourceReport = {
    name: sourceName,
    type: config.sources[sourceName]?.type ?? 'unknown',
    records: 0,
    skipped: 0,
    duplicates: 0,
    issues: [],
    error: null,
  };
  try {
    const source =
      options.sources?.[sourceName] ??
      (await createSource(sourceName, config, {
        ...(options.sourceFactories ? { factories: options.sourceFactories } : {}),
        ...(options.env ? { env: options.env } : {}),
      }));
    report.type = source.type;
    for (const [slo, outcome] of await evaluateSource(source, slos, report, at, options))
      outcomes.set(slo, outcome);
  } catch (error) {
    if (!SourceError.isInstance(error)) throw error;
    report.error = error.message;
    for (const slo of slos) outcomes.set(slo, noOutcome([`not evaluated: ${error.message}`]));
  }
  return report;
}

async function evaluateSource(
  source: EvalSource,
  slos: ResolvedSlo[],
  report: SourceReport,
  at: Date,
  options: ReadOptions,
): Promise<Map<ResolvedSlo, SloOutcome>> {
  const outcomes = new Map<ResolvedSlo, SloOutcome>();
  const folds = slos.filter((slo) => slo.sli.kind !== 'evalMetric').map((slo) => new SloFold(slo, 'exact'));
  if (folds.length > 0) {
    await readInto(source, folds, report, at, options);
    const range = { from: windowBucket, to: windowBucket + 1 };
    for (const fold of folds) outcomes.set(fold.slo, windowOutcome(fold.slo, fold.series, range, false));
  }
  const summarySlos = slos.filter((slo) => slo.sli.kind === 'evalMetric');
  if (summarySlos.length > 0) {
    const signal = options.signal ? { signal: options.signal } : {};
    const summary: EvalSummary | undefined = await guardSource(source.name, () =>
      source.readEvalSummary ? source.readEvalSummary(signal) : Promise.resolve(undefined),
    );
    for (const slo of summarySlos) outcomes.set(slo, evalMetricSloOutcome(slo, summary, at));
  }
  return outcomes;
}

function evalMetricSloOutcome(slo: ResolvedSlo, summary: EvalSummary | undefined, at: Date): SloOutcome {
  const result = evalMetricOutcome(slo, summary, at);
  return {
    overall: {
      value: result.value,
      samples: result.samples,
      interval: null,
      good: null,
      exact: null,
      ignored: 0,
    },
    segments: null,
    notes: result.notes,
  };
}

function noOutcome(notes: string[]): SloOutcome {
  return {
    overall: { value: null, samples: 0, interval: null, good: null, exact: null, ignored: 0 },
    segments: null,
    notes,
  };
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

/** Folds every record of the longest window into the SLOs whose window holds it. */
async function readInto(
  source: EvalSource,
  folds: SloFold[],
  report: SourceReport,
  at: Date,
  options: ReadOptions,
): Promise<void> {
  const end = at.getTime();
  const windows = folds.map((fold) => fold.slo.windowMs);
  const longest = windows.some((window) => window === undefined)
    ? undefined
    : Math.max(...(windows as number[]));
  const readOptions = {
    ...(longest === undefined ? {} : { since: new Date(end - longest), until: at }),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const starts = windows.map((window) => (window === undefined ? undefined : end - window));
  const seenIds = new RecordIds();
  await guardSource(source.name, async () => {
    for await (const batch of source.readRecords(readOptions)) {
      for (const issue of batch.issues) {
        if (options.strict) throw new InputError(issue.location, issue.line, issue.message);
        report.skipped++;
        if (report.issues.length < options.issueLimit) report.issues.push(issue);
      }
      const { records, times } = batch;
      for (let index = 0; index < records.length; index++) {
        const record = records[index]!;
        if (record.id !== undefined && seenIds.seenBefore(record.id)) {
          report.duplicates++;
          continue;
        }
        const time = times[index]!;
        for (let slo = 0; slo < folds.length; slo++) {
          const start = starts[slo];
          if (start !== undefined && !(time > start && time <= end)) continue;
          folds[slo]!.add(record, windowBucket);
        }
      }
      report.records += records.length;
      options.onProgress?.({ source: source.name, records: report.records, skipped: report.skipped });
    }
  });
}
