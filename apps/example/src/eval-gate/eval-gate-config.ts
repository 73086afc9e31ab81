import { defineConfig } from 'slokit';

/**
 * The SLOs an eval run of the support bot must meet before a prompt or model change ships: the rows of the run are
 * a `memory` source, so `check()` evaluates them right where the eval ran. Violations go to Slack.
 */
export const evalGateConfig = defineConfig({
  sources: { 'eval-run': { type: 'memory' } },
  slos: [
    {
      name: 'correctness',
      description: 'Share of golden answers the judge marks correct',
      sli: { ratio: { good: { field: 'scores.correctness', equals: true } } },
      objective: { op: 'gte', target: 0.9, warning: 0.85, critical: 0.8 },
    },
    {
      name: 'helpfulness',
      description: 'Mean helpfulness the judge gives the golden answers',
      sli: { metric: 'scores.helpfulness', aggregate: 'mean' },
      objective: { op: 'gte', target: 0.8, warning: 0.75, critical: 0.7 },
      runbook: 'https://wiki.example.com/runbooks/support-bot-quality',
    },
    {
      name: 'p95-latency',
      description: 'Time to a complete answer, 95th percentile',
      sli: { metric: 'latency_ms', aggregate: 'p95' },
      objective: { op: 'lte', target: 3000, critical: 5000 },
    },
    {
      name: 'answered',
      description: 'Share of golden questions answered without an error',
      sli: { ratio: { good: { field: 'status', equals: 'success' } } },
      objective: { op: 'gte', target: 0.95, critical: 0.9 },
    },
    {
      name: 'cost-per-answer',
      description: 'Mean LLM cost of one answer',
      sli: { metric: 'cost_usd', aggregate: 'mean' },
      objective: { op: 'lte', target: 0.05, critical: 0.08 },
    },
  ],
  channels: {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: `${VAR}` is slokit's environment reference
    slack: { type: 'slack', webhookUrl: '${SLACK_WEBHOOK_URL}' },
  },
  routes: [{ match: { level: ['warning', 'critical'] }, to: ['slack'] }],
});
