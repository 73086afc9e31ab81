import { type LangSmithEmulator, startLangSmithEmulator } from '@slokit/testkit/langsmith';
import { type MlflowEmulator, startMlflowEmulator } from '@slokit/testkit/mlflow';
import {
  type PagerdutyReceiver,
  type SlackReceiver,
  startPagerdutyReceiver,
  startSlackReceiver,
  startWebhookReceiver,
  type WebhookReceiver,
} from '@slokit/testkit/receivers';
import { startWeaveEmulator, type WeaveEmulator } from '@slokit/testkit/weave';
import { type SmtpReceiver, startSmtpReceiver } from './smtp-receiver.js';

/** The simulated time, which the tracker emulators use as their clock. */
export interface DemoClock {
  now: number;
}

/** The local stand-ins for the trackers and the alert receivers, and the environment that points slokit at them. */
export interface DemoServices {
  langsmith: LangSmithEmulator;
  mlflow: MlflowEmulator;
  weave: WeaveEmulator;
  slack: SlackReceiver;
  pagerduty: PagerdutyReceiver;
  webhook: WebhookReceiver;
  smtp: SmtpReceiver;
  /** Exactly the variables `slokit.config.ts` and the adapters read; nothing from the real environment. */
  env: Record<string, string>;
  /** Every URL a service listens on, to check that none is left listening. */
  urls: string[];
  stop(): Promise<void>;
}

const mlflowToken = 'demo-mlflow-token-5f2c9a';
const pagerdutyRoutingKey = 'R0DEMO0SLOKIT0ROUTING0KEY0000001';
const webhookSecret = `whsec_${Buffer.from('slokit-demo-webhook-signing-key!').toString('base64')}`;

/**
 * Starts the three tracker emulators and the Slack, PagerDuty, SMTP and webhook receivers on free loopback ports.
 * If one fails to start, those already started are stopped.
 */
export async function startDemoServices(clock: DemoClock): Promise<DemoServices> {
  const stops: Array<() => Promise<void>> = [];
  const started = async <T extends { stop(): Promise<void> }>(service: Promise<T>): Promise<T> => {
    const value = await service;
    stops.push(() => value.stop());
    return value;
  };
  const stop = async () => {
    const results = await Promise.allSettled(stops.reverse().map((stopOne) => stopOne()));
    stops.length = 0;
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw (failure as PromiseRejectedResult).reason;
  };
  try {
    const langsmith = await started(startLangSmithEmulator({ seed: false, now: () => clock.now }));
    const mlflow = await started(
      startMlflowEmulator({ auth: { tokens: [mlflowToken] }, now: () => clock.now, logRequests: false }),
    );
    const weave = await started(startWeaveEmulator());
    const slack = await started(startSlackReceiver());
    const pagerduty = await started(startPagerdutyReceiver({ routingKeys: [pagerdutyRoutingKey] }));
    const webhook = await started(startWebhookReceiver({ secret: webhookSecret }));
    const smtp = await started(startSmtpReceiver());
    const env = {
      LANGSMITH_API_KEY: langsmith.apiKey,
      LANGSMITH_ENDPOINT: langsmith.url,
      MLFLOW_TRACKING_URI: mlflow.url,
      MLFLOW_TRACKING_TOKEN: mlflowToken,
      WANDB_API_KEY: weave.apiKey,
      WF_TRACE_SERVER_URL: weave.url,
      SLACK_WEBHOOK_URL: slack.webhookUrl,
      PAGERDUTY_ROUTING_KEY: pagerdutyRoutingKey,
      PAGERDUTY_EVENTS_URL: pagerduty.url,
      SMTP_URL: smtp.url,
      ALERT_WEBHOOK_URL: webhook.endpointUrl,
      ALERT_WEBHOOK_SECRET: webhookSecret,
    };
    const smtpAddress = new URL(smtp.url);
    return {
      langsmith,
      mlflow,
      weave,
      slack,
      pagerduty,
      webhook,
      smtp,
      env,
      urls: [
        langsmith.url,
        mlflow.url,
        weave.url,
        slack.url,
        new URL(pagerduty.url).origin,
        webhook.url,
        `smtp://${smtpAddress.host}`,
      ],
      stop,
    };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}
