import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type DeliveryReport, deliverCycle } from '@slokit/notify';
import { createSqliteStore } from '@slokit/store';
import {
  type AlertEvent,
  buildHistoryReport,
  formatValue,
  type PublisherV1,
  type Report,
  renderHistoryHtml,
  renderTable,
  runCycle,
  type SyncResult,
} from 'slokit';
import { appDirectory, loadSupportBotConfig } from '../config/support-bot-config.js';
import { demoTraffic, demoWeek, goldenEvaluations, nightlyEvalTimes, promptVersionAt } from './demo-week.js';
import { describeIncident, groupIncidents } from './describe-incidents.js';
import { logGoldenEvaluation, logNightlyEval } from './log-evals.js';
import { type PublishedBack, readPublished } from './read-published.js';
import {
  pagerdutyEventText,
  pagerdutyLine,
  slackEvents,
  slackMessageLines,
  slackTitle,
  webhookEvents,
} from './render-received.js';
import { type DemoServices, startDemoServices } from './start-demo-services.js';

export interface SupportBotDemoOptions {
  /** Where the demo's output goes, line by line; default nowhere. */
  print?: (text: string) => void;
  /** Where the HTML report of the week is written. Default `.slokit/demo/slo-report.html` in the app. */
  reportFile?: string;
  /** ANSI colours in the dashboard. */
  color?: boolean;
}

/** A message as a receiver got it, at the simulated time it was sent. */
export interface ReceivedAlert {
  at: string;
  channel: 'slack' | 'pagerduty' | 'webhook' | 'email';
  /** Slack: the header; PagerDuty: `trigger`/`resolve` and severity; webhook: the events; email: the subject. */
  summary: string;
  /** What the receiver got, rendered as text. */
  lines: string[];
  /** What it says happened, per event: `helpfulness: escalated warning → critical`, `helpfulness: trigger critical`. */
  events: string[];
}

export interface SupportBotDemoResult {
  start: string;
  end: string;
  cycles: number;
  /** Production runs LangSmith held and sync counted. */
  runs: { seeded: number; counted: number };
  /** Every alert event sync decided, in order. */
  alertEvents: Array<Pick<AlertEvent, 'at' | 'slo' | 'segment' | 'kind' | 'level' | 'previousLevel'>>;
  received: ReceivedAlert[];
  /** Webhook batches whose Standard Webhooks signature the receiver verified, and those it refused. */
  webhook: { verified: number; refused: number };
  published: PublishedBack;
  /** What failed in a cycle (a source read, a publish, a delivery), with the reason; empty on a good run. */
  failures: string[];
  reportFile: string;
  /** The URLs the services listened on (all closed once the demo returns). */
  urls: string[];
  wallMs: number;
}

const hour = 3_600_000;
const day = 24 * hour;
const evalDuration = 5 * 60_000;

/**
 * The one-command demo: starts local emulators of LangSmith, MLflow and Weave and receivers for Slack, PagerDuty,
 * email and a webhook; seeds a week of support-bot traffic with an incident; replays the week
 * every 5 simulated minutes through the engine's `runCycle`, as `slokit sync` does, with the app's own
 * `slokit.config.ts`: alerts go out through @slokit/notify and results back to the trackers; writes the HTML report of the week. Stops every server
 * and closes the state before it returns, even when it fails.
 */
export async function runSupportBotDemo(options: SupportBotDemoOptions = {}): Promise<SupportBotDemoResult> {
  const print = options.print ?? (() => {});
  const started = Date.now();
  const clock = { now: demoWeek.start };
  const reportFile = options.reportFile ?? join(appDirectory, '.slokit', 'demo', 'slo-report.html');
  const stateDirectory = await mkdtemp(join(tmpdir(), 'slokit-demo-'));
  let services: DemoServices | undefined;
  try {
    services = await startDemoServices(clock);
    const result = await replayWeek(services, clock, { ...options, print, reportFile, stateDirectory });
    return { ...result, urls: services.urls, wallMs: Date.now() - started };
  } finally {
    await services?.stop();
    await rm(stateDirectory, { recursive: true, force: true });
  }
}

type ReplayOptions = SupportBotDemoOptions & {
  print: (text: string) => void;
  reportFile: string;
  stateDirectory: string;
};

/** What the week's cycles add up to, as the replay goes. */
interface WeekTally {
  cycles: number;
  counted: number;
  day: { cycles: number; runs: number; alerts: number };
  alertEvents: SupportBotDemoResult['alertEvents'];
  received: ReceivedAlert[];
  failures: string[];
  seen: Record<ReceivedAlert['channel'], number>;
  last: SyncResult | undefined;
}

async function replayWeek(
  services: DemoServices,
  clock: { now: number },
  options: ReplayOptions,
): Promise<Omit<SupportBotDemoResult, 'urls' | 'wallMs'>> {
  const { rootRuns, logEvalsUpTo } = seedTrackers(services, options.print);
  printIntro(services, rootRuns, options.print);
  const config = await loadSupportBotConfig(services.env);
  const store = createSqliteStore({ path: join(options.stateDirectory, 'state.db') });
  const tally: WeekTally = {
    cycles: 0,
    counted: 0,
    day: { cycles: 0, runs: 0, alerts: 0 },
    alertEvents: [],
    received: [],
    failures: [],
    seen: { slack: 0, pagerduty: 0, webhook: 0, email: 0 },
    last: undefined,
  };
  const milestones = [
    { at: demoWeek.rollout, text: 'prompt v13 rolls out (a shorter system prompt)' },
    { at: demoWeek.rollback, text: 'the on-call engineer rolls back to v12' },
    { at: demoWeek.fixShipped, text: 'v14 ships: the fix, after it passed the golden-set evaluation' },
  ];
  const publishers = new Map<string, PublisherV1>();
  try {
    await store.migrate();
    for (let at = demoWeek.firstSync; at <= demoWeek.end; at += demoWeek.syncEvery) {
      clock.now = at;
      while (milestones.length > 0 && milestones[0]!.at <= at) {
        options.print(`${clockTime(milestones[0]!.at)}  ▶ ${milestones.shift()!.text}`);
      }
      logEvalsUpTo(at);
      // `slokit sync` publishes after every cycle and queues digests every cycle; the demo publishes on the hour,
      // to keep the trackers' history readable, and queues the daily digest at midnight.
      const { result, delivery } = await runCycle({
        config,
        store,
        now: new Date(at),
        owner: 'slokit-demo',
        env: services.env,
        publishers,
        publish: at % hour === 0,
        digests: at % day === 0,
        deliver: deliverCycle,
      });
      tallyCycle(tally, result, delivery);
      printCycle(services, tally, at, options);
    }
    return await finishWeek(services, config, store, tally, { ...options, rootRuns });
  } finally {
    await store.close();
  }
}

/** Seeds the trackers: a week of production runs with judge feedback in LangSmith, the eval runs before the week. */
function seedTrackers(services: DemoServices, print: (text: string) => void) {
  services.langsmith.seed({
    traffic: { project: demoWeek.langsmithProject, traffic: demoTraffic, childRuns: true, payloads: false },
  });
  const rootRuns = [...services.langsmith.state.runs.values()].filter(
    (run) => run.parent_run_id === null,
  ).length;
  const experimentId = services.mlflow.createExperiment(demoWeek.mlflowExperiment, { team: 'support' });
  const evalsDue = [
    ...nightlyEvalTimes().map((at) => ({ at, kind: 'nightly' as const })),
    ...goldenEvaluations.map(({ at }) => ({ at, kind: 'golden' as const })),
  ].sort((a, b) => a.at - b.at);
  // An eval run is logged once it has finished (a run over the golden set takes under two minutes).
  const logEvalsUpTo = (now: number) => {
    while (evalsDue.length > 0 && evalsDue[0]!.at + evalDuration <= now) {
      const due = evalsDue.shift()!;
      const line =
        due.kind === 'nightly'
          ? logNightly(services, experimentId, due.at)
          : logGolden(
              services,
              due.at,
              goldenEvaluations.find((evaluation) => evaluation.at === due.at)!.promptVersion,
            );
      if (due.at >= demoWeek.start) print(line);
    }
  };
  logEvalsUpTo(demoWeek.start);
  return { rootRuns, logEvalsUpTo };
}

function logNightly(services: DemoServices, experimentId: string, at: number): string {
  const promptVersion = promptVersionAt(at);
  const { metrics } = logNightlyEval(services.mlflow, experimentId, at, promptVersion);
  return `${clockTime(at)}  🧪 MLflow: nightly eval of ${promptVersion}: correctness ${formatValue(metrics['correctness/mean']!, 'percent')}, relevance ${formatValue(metrics['relevance_to_query/mean']!, 'percent')}`;
}

function logGolden(services: DemoServices, at: number, promptVersion: string): string {
  const { output } = logGoldenEvaluation(services.weave, demoWeek.weaveProject, at, promptVersion);
  const helpfulness = (output.helpfulness as { mean?: number } | undefined)?.mean ?? null;
  return `${clockTime(at)}  🧪 Weave: golden-set evaluation of ${promptVersion}: helpfulness ${formatValue(helpfulness, 'percent')}`;
}

function printIntro(services: DemoServices, rootRuns: number, print: (text: string) => void): void {
  const { env } = services;
  print('slokit demo: a week of a customer-support bot, replayed in seconds');
  print('');
  print('Local stand-ins, on free loopback ports:');
  print(
    `  LangSmith  ${env.LANGSMITH_ENDPOINT}  project ${demoWeek.langsmithProject}: ${rootRuns.toLocaleString('en-US')} production runs with judge feedback (${formatDay(demoWeek.start)} to ${formatDay(demoWeek.end - 1)})`,
  );
  print(
    `  MLflow     ${env.MLFLOW_TRACKING_URI}  experiment ${demoWeek.mlflowExperiment}: a nightly eval run of the golden set at 02:00`,
  );
  print(
    `  W&B Weave  ${env.WF_TRACE_SERVER_URL}  project ${demoWeek.weaveProject}: the golden-set evaluation of each release`,
  );
  print(
    `  Slack ${services.slack.url} · PagerDuty ${services.pagerduty.url} · SMTP ${new URL(env.SMTP_URL!).host} · webhook ${services.webhook.url}`,
  );
  print('');
  print(
    'slokit.config.ts is loaded with an environment pointing at them (LANGSMITH_ENDPOINT, MLFLOW_TRACKING_URI, WF_TRACE_SERVER_URL, SLACK_WEBHOOK_URL, ...);',
  );
  print('your own environment is not read. Sync runs every 5 simulated minutes.');
  print('');
}

function tallyCycle(tally: WeekTally, result: SyncResult, delivery: DeliveryReport | undefined): void {
  tally.last = result;
  tally.cycles++;
  tally.day.cycles++;
  for (const source of result.sources) {
    if (source.error !== null) tally.failures.push(`${result.at} source ${source.name}: ${source.error}`);
    if (source.name === 'prod') {
      tally.counted += source.counted;
      tally.day.runs += source.counted;
    }
  }
  for (const event of result.events) {
    const { at, slo, segment, kind, level, previousLevel } = event;
    tally.alertEvents.push({ at, slo, segment, kind, level, previousLevel });
  }
  tally.day.alerts += result.events.length;
  for (const entry of result.published)
    if (entry.error !== null) tally.failures.push(`${result.at} publish ${entry.source}: ${entry.error}`);
  for (const failed of delivery?.failed ?? [])
    tally.failures.push(`${result.at} delivery to ${failed.channel}: ${failed.error}`);
}

function printCycle(services: DemoServices, tally: WeekTally, at: number, options: ReplayOptions): void {
  const { print } = options;
  if (tally.cycles === 1) {
    print(`${clockTime(at)}  First sync: the dashboard`);
    print('');
    print(indent(renderTable(syncReport(tally.last!), { color: options.color ?? false }).trimEnd(), '  '));
    print('');
  }
  // A day ends at midnight: its summary first, then what midnight's cycle sent (the report of that day).
  if ((at - demoWeek.start) % day === 0) {
    const alerts = tally.day.alerts === 0 ? 'no alerts' : `${tally.day.alerts} alert event(s)`;
    print(
      `── ${formatDay(at - day)}: ${tally.day.cycles} syncs, ${tally.day.runs.toLocaleString('en-US')} new runs, ${alerts}`,
    );
    tally.day = { cycles: 0, runs: 0, alerts: 0 };
  }
  for (const message of collectReceived(services, tally.seen, at)) {
    tally.received.push(message);
    print(`${clockTime(at)}  ${channelLabel(message.channel)}  ${message.summary}`);
    for (const line of message.lines) print(`           ${line}`);
  }
}

/** The end of the week: the dashboard, what the trackers hold, the HTML report and the summary. */
async function finishWeek(
  services: DemoServices,
  config: Awaited<ReturnType<typeof loadSupportBotConfig>>,
  store: ReturnType<typeof createSqliteStore>,
  tally: WeekTally,
  options: ReplayOptions & { rootRuns: number },
): Promise<Omit<SupportBotDemoResult, 'urls' | 'wallMs'>> {
  const { print } = options;
  print('');
  print(`${clockTime(demoWeek.end)}  The dashboard at the end of the week`);
  print('');
  print(indent(renderTable(syncReport(tally.last!), { color: options.color ?? false }).trimEnd(), '  '));
  print('');
  const published = await readPublished(services, demoWeek);
  print('Published back to the trackers (read back through their APIs):');
  for (const line of published.lines) print(`  ${line}`);
  print('');
  const history = await buildHistoryReport(config, store, { now: new Date(demoWeek.end), days: 7 });
  await mkdir(dirname(options.reportFile), { recursive: true });
  await writeFile(options.reportFile, renderHistoryHtml(history));
  print(`The HTML report of the week (charts of each SLO, its budget and alerts): ${options.reportFile}`);
  print('');
  const webhook = {
    verified: services.webhook.messages().length,
    refused: services.webhook.requests.filter((request) => request.status === 401).length,
  };
  const { received, alertEvents, cycles, counted, failures } = tally;
  printSummary(print, { received, alertEvents, webhook, cycles, counted, reportFile: options.reportFile });
  return {
    start: new Date(demoWeek.start).toISOString(),
    end: new Date(demoWeek.end).toISOString(),
    cycles,
    runs: { seeded: options.rootRuns, counted },
    alertEvents,
    received,
    webhook,
    published,
    failures,
    reportFile: options.reportFile,
  };
}

/** The messages the receivers got since the last look, rendered as text. */
function collectReceived(
  services: DemoServices,
  seen: Record<ReceivedAlert['channel'], number>,
  at: number,
): ReceivedAlert[] {
  const when = new Date(at).toISOString();
  const messages: ReceivedAlert[] = [];
  const slack = services.slack.messages();
  for (const message of slack.slice(seen.slack)) {
    messages.push({
      at: when,
      channel: 'slack',
      summary: slackTitle(message.json),
      lines: slackMessageLines(message.json).slice(1),
      events: slackEvents(message.json),
    });
  }
  seen.slack = slack.length;
  const pagerduty = services.pagerduty.events;
  for (const event of pagerduty.slice(seen.pagerduty)) {
    messages.push({
      at: when,
      channel: 'pagerduty',
      summary: pagerdutyLine(event),
      lines: [],
      events: [pagerdutyEventText(event)],
    });
  }
  seen.pagerduty = pagerduty.length;
  const webhook = services.webhook.messages();
  for (const request of webhook.slice(seen.webhook)) {
    const events = webhookEvents(request);
    messages.push({
      at: when,
      channel: 'webhook',
      summary: `signed batch ${request.headers['webhook-id']}: ${events.join('; ')} (signature verified)`,
      lines: [],
      events,
    });
  }
  seen.webhook = webhook.length;
  const mails = services.smtp.mails;
  for (const mail of mails.slice(seen.email)) {
    messages.push({
      at: when,
      channel: 'email',
      summary: `to ${mail.to.join(', ')}: "${mail.subject}"`,
      lines: [],
      events: [],
    });
  }
  seen.email = mails.length;
  return messages;
}

function syncReport(result: SyncResult): Report {
  return {
    schemaVersion: 1,
    checkId: result.cycleId,
    generatedAt: result.at,
    at: result.at,
    slos: result.slos,
    compliance: result.compliance,
    complianceCounts: result.complianceCounts,
    sources: [],
  };
}

function printSummary(
  print: (text: string) => void,
  facts: {
    received: ReceivedAlert[];
    alertEvents: SupportBotDemoResult['alertEvents'];
    webhook: { verified: number };
    cycles: number;
    counted: number;
    reportFile: string;
  },
): void {
  const count = (channel: ReceivedAlert['channel']) =>
    facts.received.filter((message) => message.channel === channel).length;
  const incidents = groupIncidents(facts.alertEvents);
  print('What just happened');
  print(
    `  • ${facts.cycles.toLocaleString('en-US')} sync cycles, one every 5 simulated minutes, pulled ${facts.counted.toLocaleString('en-US')} production runs from LangSmith`,
  );
  print(
    '    incrementally (each run counted once, the overlap recognized) and the latest eval runs from MLflow and Weave.',
  );
  print(
    `  • Prompt v13 went out ${clockTime(demoWeek.rollout)} and was rolled back ${clockTime(demoWeek.rollback)}. slokit's alerts, from firing to resolution:`,
  );
  for (const incident of incidents) print(`      ${describeIncident(incident, clockTime)}`);
  if (incidents.length === 1) print('    No other SLO fired all week.');
  print(
    `  • Slack got ${count('slack')} messages, PagerDuty ${count('pagerduty')} events (the page, its de-escalation, the resolve), the webhook`,
  );
  print(
    `    ${facts.webhook.verified} signed batches, and the email channel ${count('email')} daily reports.`,
  );
  print(
    '  • Every simulated hour the results went back to LangSmith (project feedback), MLflow (a run per check) and',
  );
  print('    Weave (a slokit.check call, and feedback on the evaluation), where the team already looks.');
  print('');
  print('Next steps');
  print(`  • Open the report of the week in a browser: ${facts.reportFile}`);
  print('  • Read apps/example/slokit.config.ts: the sources, SLOs, channels and routes this demo ran.');
  print(
    '  • Run it on your own accounts: set the variables listed in apps/example/README.md and run `npx slokit sync` there.',
  );
  print(
    '  • Gate a release on an eval, as a CI step: `npm run eval-gate -w @slokit/example -- --prompt v13` exits 1.',
  );
}

function channelLabel(channel: ReceivedAlert['channel']): string {
  return { slack: '💬 Slack', pagerduty: '📟 PagerDuty', webhook: '🔗 webhook', email: '📧 email' }[channel];
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Thu 19 Nov`. */
function formatDay(at: number): string {
  const date = new Date(at);
  return `${weekdays[date.getUTCDay()]} ${date.getUTCDate()} ${months[date.getUTCMonth()]}`;
}

/** `Thu 10:35`: the simulated time of a line. */
function clockTime(at: number): string {
  return `${formatDay(at).slice(0, 3)} ${new Date(at).toISOString().slice(11, 16)}`;
}
