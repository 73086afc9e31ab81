import { stripUrlCredentials } from '@slokit/adapter-utils';

export interface WeaveUrls {
  /** The trace server the client talks to. */
  traceServer: string;
  /** The W&B app, for links to calls. */
  app: string;
}

const cloudTraceServer = 'https://trace.wandb.ai';
const cloudApp = 'https://wandb.ai';

/**
 * Where the trace server is, as the Weave SDKs decide it: `WF_TRACE_SERVER_URL` verbatim when set; else a
 * self-managed host (the `host` option, else `WANDB_BASE_URL`) with `/traces`; else `https://trace.wandb.ai`.
 * User-info in any of them is dropped: the key is the credential, and links and errors never show a password.
 */
export function weaveUrls(host: string | undefined, env: Record<string, string | undefined>): WeaveUrls {
  const base = nonEmpty(host) ?? nonEmpty(env.WANDB_BASE_URL);
  const selfManaged = base === undefined || isCloudApi(base) ? undefined : base.replace(/\/+$/, '');
  const override = nonEmpty(env.WF_TRACE_SERVER_URL);
  const traceServer = override ?? (selfManaged ? `${selfManaged}/traces` : cloudTraceServer);
  let app = selfManaged ?? cloudApp;
  if (!selfManaged && override && override.replace(/\/+$/, '') !== cloudTraceServer) {
    app = override.replace(/\/+$/, '').replace(/\/traces$/, '');
  }
  return { traceServer, app };
}

/** The link the SDKs print for a call (`https://wandb.ai/<entity>/<project>/r/call/<id>`). */
export function callUrl(urls: WeaveUrls, projectId: string, callId: string): string {
  return `${urls.app}/${projectId}/r/call/${callId}`;
}

function isCloudApi(url: string): boolean {
  return /^https?:\/\/api\.wandb\.ai\/?$/.test(url);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : stripUrlCredentials(value);
}
