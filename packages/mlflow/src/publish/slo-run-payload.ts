import { createHash } from 'node:crypto';
import { type Report, type SloReport, type SloStatus, statusSeverity } from '@slokit/core';
import type { KeyValueInput, MetricInput } from '../client/chunk-log-batch.js';

export interface SloRunPayload {
  runName: string;
  /** Identifies the run of one check of one source: the tag the publisher finds the run by. */
  checkKey: string;
  metrics: MetricInput[];
  params: KeyValueInput[];
  tags: KeyValueInput[];
  /** The published part of the report, uploaded as `slokit-report.json` where the server proxies artifacts. */
  report: PublishedReport;
}

export interface PublishedReport {
  schemaVersion: 1;
  checkId: string;
  at: string;
  generatedAt: string;
  source: string;
  compliance: number | null;
  complianceCounts: { met: number; counted: number };
  slos: SloReport[];
}

const maxTagValue = 8000;
const maxParamValue = 6000;
const maxKeyLength = 250;

/**
 * What one check writes to its MLflow run, as pure data:
 * - metrics, timestamped with the evaluation time (`at`) so repeated checks chart over time:
 *   `slo.<name>.value` (absent without data), `slo.<name>.budget_remaining` (ratio SLOs), and `slo.compliance`
 *   (the share of these SLOs that are ok, among those with enough data);
 * - tags: `slo.<name>.status`, `slo.status` (the worst), `slo.result` (a compact JSON summary under 8000
 *   characters), and `slokit.*` tags that identify the check;
 * - params, immutable in MLflow and therefore written once per check's run: each SLO's definition
 *   (`slo.<name>.sli`, `.objective`, `.warning`, `.critical`, `.window`, `.group_by`).
 * Only names, values, statuses and definitions: no record contents, no secrets.
 */
export function sloRunPayload(options: {
  report: Report;
  slos: readonly SloReport[];
  checkId: string;
  source: string;
}): SloRunPayload {
  const { report, slos, checkId, source } = options;
  const timestamp = Date.parse(report.at);
  const metrics: MetricInput[] = [];
  const params: KeyValueInput[] = [];
  const tags: KeyValueInput[] = [];
  for (const slo of slos) {
    const key = (suffix: string) => sloKey(slo.name, suffix);
    if (slo.value !== null && Number.isFinite(slo.value)) {
      metrics.push({ key: key('value'), value: slo.value, timestamp, step: 0 });
    }
    const remaining = slo.errorBudget?.remaining;
    if (remaining !== null && remaining !== undefined && Number.isFinite(remaining)) {
      metrics.push({ key: key('budget_remaining'), value: remaining, timestamp, step: 0 });
    }
    tags.push({ key: key('status'), value: slo.status });
    params.push({ key: key('sli'), value: describeSli(slo) });
    params.push({ key: key('objective'), value: `${slo.op} ${slo.target}` });
    if (slo.warning !== null) params.push({ key: key('warning'), value: String(slo.warning) });
    if (slo.critical !== null) params.push({ key: key('critical'), value: String(slo.critical) });
    if (slo.window !== null) params.push({ key: key('window'), value: slo.window });
    if (slo.groupBy !== null) params.push({ key: key('group_by'), value: slo.groupBy });
  }
  const counted = slos.filter((slo) => slo.status !== 'no_data' && slo.status !== 'insufficient_data');
  const met = counted.filter((slo) => slo.status === 'ok').length;
  const compliance = counted.length === 0 ? null : met / counted.length;
  if (compliance !== null) metrics.push({ key: 'slo.compliance', value: compliance, timestamp, step: 0 });
  const checkKey = createHash('sha256').update(`${checkId}\n${source}`).digest('hex').slice(0, 32);
  tags.push({ key: 'slo.status', value: worstStatus(slos.map((slo) => slo.status)) });
  tags.push({ key: 'slo.result', value: resultSummary(slos) });
  tags.push({ key: 'slokit.check_key', value: checkKey });
  tags.push({ key: 'slokit.check_id', value: checkId.slice(0, maxTagValue) });
  tags.push({ key: 'slokit.source', value: source });
  tags.push({ key: 'slokit.at', value: report.at });
  return {
    runName: `slo-check ${report.at}`,
    checkKey,
    metrics,
    params: params.map((param) => ({ key: param.key, value: param.value.slice(0, maxParamValue) })),
    tags,
    report: {
      schemaVersion: 1,
      checkId,
      at: report.at,
      generatedAt: report.generatedAt,
      source,
      compliance,
      complianceCounts: { met, counted: counted.length },
      slos: [...slos],
    },
  };
}

/**
 * `slo.<name>.<suffix>` as a valid MLflow key: characters MLflow rejects become `_`, path segments that
 * normalization would change (`//`, `.`, `..`) become `_`, and names too long for 250 characters are shortened
 * with a hash so that keys stay distinct.
 */
export function sloKey(name: string, suffix: string): string {
  const cleaned = name
    .replace(/[^\w.\- /:]/g, '_')
    .split('/')
    .map((segment) => (segment === '' || segment === '.' || segment === '..' ? '_' : segment))
    .join('/');
  const key = `slo.${cleaned}.${suffix}`;
  if (key.length <= maxKeyLength) return key;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 12);
  const room = maxKeyLength - `slo..${suffix}`.length - hash.length - 1;
  return `slo.${cleaned.slice(0, room)}-${hash}.${suffix}`;
}

/** The worst status, by severity; `no_data` when no SLO had data. */
export function worstStatus(statuses: readonly SloStatus[]): SloStatus {
  const withData = statuses.filter((status) => status !== 'no_data' && status !== 'insufficient_data');
  if (withData.length === 0) return statuses.includes('insufficient_data') ? 'insufficient_data' : 'no_data';
  return withData.reduce(
    (worst, status) => (statusSeverity[status] > statusSeverity[worst] ? status : worst),
    'ok',
  );
}

function describeSli(slo: SloReport): string {
  switch (slo.sli.kind) {
    case 'metric':
      return `${slo.sli.aggregate} of ${slo.sli.field}`;
    case 'ratio':
      return `ratio of ${slo.sli.field}`;
    default:
      return `evalMetric ${slo.sli.field}`;
  }
}

/** A JSON summary of every SLO for the `slo.result` tag, shortened to fit MLflow's 8000-character tag values. */
function resultSummary(slos: readonly SloReport[]): string {
  const entries = slos.map((slo) => ({
    name: slo.name,
    status: slo.status,
    value: slo.value,
    op: slo.op,
    target: slo.target,
    window: slo.window,
  }));
  for (let kept = entries.length; kept >= 0; kept--) {
    const text = JSON.stringify(
      kept === entries.length ? entries : { slos: entries.slice(0, kept), omitted: entries.length - kept },
    );
    if (text.length <= maxTagValue) return text;
  }
  return '[]';
}
