// The SLOs of a customer-support bot: production traces in LangSmith, offline evals in MLflow and W&B Weave,
// alerts to Slack, PagerDuty, a daily email and a webhook, and the results written back to all three trackers.
//
//   npx slokit validate    # what slokit understood
//   npx slokit check       # the dashboard now
//   npx slokit sync        # what you run every 5 minutes: history, budgets, alerts, publishing
//
// Every secret and endpoint comes from the environment: `${VAR}` is replaced when the config loads (a variable
// that is not set is an error naming it), and `${VAR:-default}` falls back to the default. Nothing in this file
// changes between the demo's local emulators and your real accounts: see README.md for the variables.
import { defineConfig } from 'slokit';

// biome-ignore-start lint/suspicious/noTemplateCurlyInString: `${VAR}` is slokit's environment reference, not a template
export default defineConfig({
  sources: {
    // Production traffic: every root run of the bot's tracing project is a record, its feedback keys are scores
    // (scores.helpfulness, scores.accuracy from the online LLM judge). Needs LANGSMITH_API_KEY.
    prod: { type: 'langsmith', project: '${LANGSMITH_PROJECT:-support-bot}' },
    // The nightly offline eval (mlflow.genai.evaluate): the latest finished eval run's metrics. Needs
    // MLFLOW_TRACKING_URI (and MLFLOW_TRACKING_TOKEN or a username and password if the server asks for them).
    evals: { type: 'mlflow', experiment: '${MLFLOW_EXPERIMENT_NAME:-support-bot-evals}', runs: 'latest' },
    // The golden-set Evaluation run in W&B Weave before each prompt release. Needs WANDB_API_KEY.
    'weave-evals': {
      type: 'weave',
      project: '${WANDB_ENTITY:-demo-team}/${WANDB_PROJECT:-support-bot}',
      evaluations: 'latest',
    },
  },

  slos: [
    {
      name: 'helpfulness',
      description: 'Mean helpfulness the online LLM judge gives answers',
      source: 'prod',
      sli: { metric: 'scores.helpfulness', aggregate: 'mean' },
      objective: { op: 'gte', target: 0.8, warning: 0.77, critical: 0.72 },
      window: '1h',
      // Fewer judged answers than this in the window (a quiet night) is "insufficient data", not an alert.
      minSamples: 30,
      runbook: 'https://wiki.example.com/runbooks/support-bot-quality',
    },
    {
      name: 'accuracy',
      description: 'Share of answers the judge marks correct',
      source: 'prod',
      // Boolean feedback averages to the share of `true`.
      sli: { metric: 'scores.accuracy', aggregate: 'mean' },
      objective: { op: 'gte', target: 0.88, warning: 0.8, critical: 0.72 },
      window: '1h',
      minSamples: 30,
      runbook: 'https://wiki.example.com/runbooks/support-bot-quality',
    },
    {
      name: 'p95-latency',
      description: 'Time to a complete answer, 95th percentile',
      source: 'prod',
      sli: { metric: 'latency_ms', aggregate: 'p95' },
      objective: { op: 'lte', target: 3000, warning: 4000, critical: 6000 },
      window: '1h',
      // A 95th percentile of a few dozen requests is noise: below this the SLO waits for more traffic.
      minSamples: 50,
    },
    {
      name: 'availability',
      description:
        'Share of requests answered without an error, over 30 days, for the bot and for each model',
      source: 'prod',
      sli: { ratio: { good: { field: 'status', equals: 'success' } } },
      objective: { op: 'gte', target: 0.995 },
      // A 30-day window gives an error budget (0.5 % of requests) and burn-rate alerts: a page when the budget
      // burns 14.4x too fast over both the last hour and the last 5 minutes, a ticket for a slow burn.
      window: '30d',
      // One SLO per model: each model (each provider) gets its own error budget, and alerts of its own.
      groupBy: 'metadata.model',
      // Until a thousand requests are in (a fresh install), the 30-day ratio says little: no verdict yet.
      minSamples: 1000,
      runbook: 'https://wiki.example.com/runbooks/support-bot-errors',
    },
    {
      name: 'cost-per-query',
      description: 'Mean LLM cost of one answer',
      source: 'prod',
      sli: { metric: 'cost_usd', aggregate: 'mean' },
      objective: { op: 'lte', target: 0.05, warning: 0.06, critical: 0.08 },
      window: '1h',
    },

    // Offline evals: metrics the eval run already aggregated. The window makes a stale eval "no data": the nightly
    // job must have run in the last two days.
    {
      name: 'nightly-correctness',
      description: 'Nightly MLflow eval: share of answers judged correct',
      source: 'evals',
      sli: { evalMetric: 'correctness/mean' },
      objective: { op: 'gte', target: 0.85, warning: 0.8 },
      window: '2d',
    },
    {
      name: 'nightly-relevance',
      description: 'Nightly MLflow eval: relevance of answers to the question',
      source: 'evals',
      sli: { evalMetric: 'relevance_to_query/mean' },
      objective: { op: 'gte', target: 0.85, warning: 0.8 },
      window: '2d',
    },
    {
      name: 'golden-helpfulness',
      description: 'Weave evaluation on the golden set: mean helpfulness',
      source: 'weave-evals',
      sli: { evalMetric: 'helpfulness.mean' },
      objective: { op: 'gte', target: 0.8, warning: 0.75 },
    },
    {
      name: 'golden-correctness',
      description: 'Weave evaluation on the golden set: share of correct answers',
      source: 'weave-evals',
      sli: { evalMetric: 'correctness.true_fraction' },
      objective: { op: 'gte', target: 0.85, warning: 0.8 },
    },
  ],

  // The alert policy (these are the defaults, spelled out): a breach fires on its 2nd evaluation in a row and
  // resolves after 2 good ones; a critical breach that lasts 30 minutes becomes a page.
  alerting: { for: 2, resolveAfter: 2, pageAfter: '30m', repeatInterval: '4h' },

  channels: {
    // A Slack incoming webhook (https://api.slack.com/messaging/webhooks).
    slack: { type: 'slack', webhookUrl: '${SLACK_WEBHOOK_URL}' },
    // An Events API v2 integration of the on-call service. PAGERDUTY_EVENTS_URL is only for the EU region or a proxy.
    pagerduty: {
      type: 'pagerduty',
      routingKey: '${PAGERDUTY_ROUTING_KEY}',
      url: '${PAGERDUTY_EVENTS_URL:-https://events.pagerduty.com/v2/enqueue}',
    },
    // One email a day with the report of the day before (no single alerts): smtp://user:password@host:587.
    email: {
      type: 'email',
      smtp: '${SMTP_URL}',
      from: '${ALERT_EMAIL_FROM:-slokit <slokit@example.com>}',
      to: '${ALERT_EMAIL_TO:-ml-team@example.com}',
      schedule: 'daily',
    },
    // Every alert, signed (Standard Webhooks), for your incident tooling or a ticketing system.
    webhook: { type: 'webhook', url: '${ALERT_WEBHOOK_URL}', secret: '${ALERT_WEBHOOK_SECRET}' },
  },

  // Tried in order; `continue: true` keeps matching below. A resolution goes where the alert it ends went.
  routes: [
    { match: { level: 'page' }, to: ['pagerduty', 'slack'], continue: true },
    { match: { level: ['warning', 'critical'] }, to: ['slack'], continue: true },
    { to: ['webhook'] },
  ],

  // After each sync, each source's SLO results go back to its tracker: feedback on the LangSmith project, a run in
  // MLflow's slokit-slo-checks experiment, a slokit.check call (and feedback on the evaluation) in Weave.
  publish: ['prod', 'evals', 'weave-evals'],

  // Sync's state (history, budgets, alert state, outbox). Use `url: '${DATABASE_URL}'` (Postgres) for several workers.
  store: { path: '.slokit/state.db' },
});
// biome-ignore-end lint/suspicious/noTemplateCurlyInString: end of the config
