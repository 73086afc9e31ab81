import type { Report, SloReport } from '@slokit/core';
import type { CallBatchItem } from '../client/trace-server-types.js';

/** The op name of the calls slokit writes, one per check. */
export const checkOpName = 'slokit.check';
/** The feedback type of the verdicts slokit attaches to the evaluated evaluation call. */
export const sloFeedbackType = 'slokit.slo';

/** What an SLO asks: the definition, written as the check call's inputs. */
export function sloDefinition(slo: SloReport): Record<string, unknown> {
  return {
    name: slo.name,
    sli: slo.sli,
    op: slo.op,
    target: slo.target,
    warning: slo.warning,
    critical: slo.critical,
    window: slo.window,
    group_by: slo.groupBy,
    unit: slo.unit,
  };
}

/** What an SLO measured: the result, written as part of the check call's output. No labels, notes or runbooks. */
export function sloResult(slo: SloReport): Record<string, unknown> {
  return {
    name: slo.name,
    status: slo.status,
    value: slo.value,
    samples: slo.samples,
    op: slo.op,
    target: slo.target,
    warning: slo.warning,
    critical: slo.critical,
    window: slo.window,
    window_start: slo.windowStart,
    interval: slo.interval,
    error_budget: slo.errorBudget,
    exact: slo.exact,
    segments:
      slo.segments?.map((segment) => ({
        key: segment.key,
        status: segment.status,
        value: segment.value,
        samples: segment.samples,
      })) ?? null,
  };
}

export interface CheckCallOptions {
  projectId: string;
  callId: string;
  traceId: string;
  report: Report;
  slos: SloReport[];
  checkId: string;
  /** The configured source whose SLOs these are, and what it reads. */
  source: { name: string; reads: Record<string, unknown> };
  /** The evaluation call the SLOs were evaluated on, as a `weave:///.../call/<id>` ref. */
  evaluationRef?: string;
}

/**
 * One check as a finished call (a start and an end for `/call/upsert_batch`): op `slokit.check`, the SLO
 * definitions as inputs, the results as output, at the report's `generatedAt`. Only names, values, statuses,
 * targets and windows are written: never secrets, never record contents.
 */
export function checkCallBatch(options: CheckCallOptions): CallBatchItem[] {
  const { report } = options;
  const time = report.generatedAt;
  const counts: Record<string, number> = {};
  for (const slo of options.slos) counts[slo.status] = (counts[slo.status] ?? 0) + 1;
  return [
    {
      mode: 'start',
      req: {
        start: {
          project_id: options.projectId,
          id: options.callId,
          trace_id: options.traceId,
          op_name: checkOpName,
          display_name: `slokit check ${report.at}`,
          started_at: time,
          attributes: { slokit: { check_id: options.checkId, source: options.source.name } },
          inputs: {
            slos: options.slos.map(sloDefinition),
            at: report.at,
            source: { name: options.source.name, ...options.source.reads },
            ...(options.evaluationRef ? { evaluation: options.evaluationRef } : {}),
          },
        },
      },
    },
    {
      mode: 'end',
      req: {
        end: {
          project_id: options.projectId,
          id: options.callId,
          ended_at: time,
          output: {
            check_id: options.checkId,
            at: report.at,
            compliance: report.compliance,
            compliance_counts: report.complianceCounts,
            status_counts: counts,
            slos: options.slos.map(sloResult),
          },
          summary: {},
        },
      },
    },
  ];
}

/** The verdicts as the payload of one `slokit.slo` feedback on the evaluated call. */
export function sloFeedbackPayload(report: Report, slos: SloReport[], checkId: string, checkCallRef: string) {
  return {
    check_id: checkId,
    checked_at: report.at,
    check_call: checkCallRef,
    passed: slos.every(
      (slo) => slo.status === 'ok' || slo.status === 'no_data' || slo.status === 'insufficient_data',
    ),
    slos: slos.map((slo) => ({
      name: slo.name,
      status: slo.status,
      value: slo.value,
      op: slo.op,
      target: slo.target,
      window: slo.window,
    })),
  };
}
