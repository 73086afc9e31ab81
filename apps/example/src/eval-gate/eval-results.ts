import type { Report } from 'slokit';

/** An eval run's results in the shape teams keep them: `{"metrics": {"helpfulness": 0.64, ...}, "samples": 40}`. */
export interface EvalResults {
  name: string;
  timestamp: string;
  samples: number;
  metrics: Record<string, number | null>;
}

/**
 * The results of an eval-gate run as a results file, one metric per SLO of the gate (its SLI value): what
 * `eval-gate.slokit.yaml` checks with the shorthand when the GitHub Action gates the pull request.
 */
export function evalResults(report: Report, name: string, samples: number): EvalResults {
  return {
    name,
    timestamp: report.at,
    samples,
    metrics: Object.fromEntries(report.slos.map((slo) => [slo.name, slo.value])),
  };
}
