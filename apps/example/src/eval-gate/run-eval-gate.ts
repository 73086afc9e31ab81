import { createHash } from 'node:crypto';
import { createChannel } from '@slokit/notify';
import {
  check,
  createMemorySource,
  type Report,
  renderReport,
  resolveConfig,
  routeEvents,
  statusSeverity,
} from 'slokit';
import { fillEnvReferences } from '../config/fill-env-references.js';
import { appDirectory } from '../config/support-bot-config.js';
import { answerGoldenSet, type GoldenAnswer } from '../support-bot/answer-golden-set.js';
import { evalGateConfig } from './eval-gate-config.js';
import { violationEvents } from './violation-events.js';

export interface EvalGateOptions {
  /** The prompt version to evaluate: v12, v13 or v14. */
  promptVersion: string;
  /** Where SLACK_WEBHOOK_URL comes from (the CI job's environment). */
  env: Record<string, string | undefined>;
  /** When the eval runs; default now. */
  at?: Date | string;
  /** The judge's seed; default 'eval'. */
  seed?: string;
  /** Where the report and messages go; default nowhere. */
  print?: (text: string) => void;
}

export interface EvalGateResult {
  /** 1 when an SLO is critical: the CI step fails. */
  exitCode: 0 | 1;
  report: Report;
  markdown: string;
  answers: GoldenAnswer[];
  /** The alert batches sent, per channel. */
  notified: Array<{ channel: string; events: string[] }>;
}

/**
 * The in-code path a team runs after each evaluation, as a CI step: run the eval, check its rows against the SLOs
 * with `check()`, send every violation through @slokit/notify, print the Markdown report, and fail (exit code 1)
 * when an SLO is critical.
 */
export async function runEvalGate(options: EvalGateOptions): Promise<EvalGateResult> {
  const print = options.print ?? (() => {});
  const at = new Date(options.at ?? Date.now());
  const answers = answerGoldenSet({
    promptVersion: options.promptVersion,
    at,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  const config = resolveConfig(evalGateConfig, { baseDir: appDirectory });
  // The run is over once its last answer is in; windowless SLOs read every row up to then.
  const evaluatedAt = new Date(Date.parse(answers.at(-1)!.timestamp) + 60_000);
  const report = await check(config, {
    at: evaluatedAt,
    checkId: `eval-gate/${options.promptVersion}/${at.toISOString()}`,
    sources: { 'eval-run': createMemorySource('eval-run', answers) },
  });
  const markdown = renderReport(report, 'markdown');
  print(
    `## Eval gate: prompt ${options.promptVersion} on ${answers.length} golden questions\n\n${markdown.trimEnd()}\n`,
  );

  const notified: EvalGateResult['notified'] = [];
  const events = violationEvents(config, report, answers, { prompt_version: options.promptVersion });
  if (events.length > 0) {
    if (!options.env.SLACK_WEBHOOK_URL) {
      print('\nSLACK_WEBHOOK_URL is not set: the violations above were not sent to Slack.\n');
    } else {
      const withSecrets = fillEnvReferences(config, options.env);
      for (const [name, routed] of routeEvents(events, config.routes)) {
        const channel = await createChannel(name, withSecrets, { env: options.env });
        const id = createHash('sha256').update(`${report.checkId}|${name}`).digest('hex').slice(0, 16);
        await channel.send({ id, cycleId: report.checkId, at: report.at, channel: name, events: routed });
        notified.push({ channel: name, events: routed.map((event) => `${event.slo}:${event.level}`) });
        print(`\nSent ${routed.length} violation(s) to ${name}.\n`);
      }
    }
  }

  const critical = report.slos.filter(
    (slo) =>
      slo.status === 'critical' ||
      (slo.segments ?? []).some((segment) => statusSeverity[segment.status] >= statusSeverity.critical),
  );
  const exitCode = critical.length > 0 ? 1 : 0;
  print(
    exitCode === 1
      ? `\nEval gate FAILED: ${critical.map((slo) => slo.name).join(', ')} ${critical.length === 1 ? 'is' : 'are'} critical.\n`
      : '\nEval gate passed: no SLO is critical.\n',
  );
  return { exitCode, report, markdown, answers, notified };
}
