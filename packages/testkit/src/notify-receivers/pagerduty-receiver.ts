import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { delay } from '../test-server/delay.js';
import { FaultInjector } from '../test-server/fault-injector.js';
import { parseJsonBody } from '../test-server/parse-json-body.js';
import { type Answer, jsonReply, type Reply, retryAfterHeader } from '../test-server/reply.js';
import { startTestServer, type TestRequest } from '../test-server/start-test-server.js';
import {
  applyPagerdutyEvent,
  findOpenAlert,
  type PagerdutyAcceptedEvent,
  type PagerdutyReceiverAlert,
} from './pagerduty-alerts.js';
import { pagerdutyEventLimits, validatePagerdutyEvent } from './validate-pagerduty-event.js';

/**
 * A failure injected into matching requests before validation:
 * - `rate-limit`: 429, with `Retry-After` when `retryAfter` is given;
 * - `status`: an error status (default 500) with a JSON error body;
 * - `slow`: the normal answer after `delayMs` (default 2000), so clients time out;
 * - `timeout`: no answer at all until the faults are cleared (the request is not processed);
 * - `reset`: the connection is destroyed without an answer (after reading the request, which is not processed);
 * - `refused`: the receiver stops listening, so connections are refused, until the faults are cleared.
 */
export interface PagerdutyReceiverFault {
  kind: 'rate-limit' | 'status' | 'slow' | 'timeout' | 'reset' | 'refused';
  status?: number;
  retryAfter?: string | number;
  delayMs?: number;
  /** How many matching requests it hits; default 1 (`Infinity` for all). */
  times?: number;
  /** Matching requests let through before it starts; default 0. */
  skip?: number;
}

export interface PagerdutyReceiverOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** When set, only these routing keys are accepted; others get 400 `Invalid routing key`. */
  routingKeys?: string[];
  faults?: readonly PagerdutyReceiverFault[];
  /** Events accepted per routing key within `windowMs` before 429 (PagerDuty: about 120 a minute). */
  rateLimit?: { events: number; windowMs: number };
}

export interface PagerdutyReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The HTTP status answered; 0 when the connection was reset. */
  status: number;
}

export interface PagerdutyReceiver {
  /** The events endpoint: `http://127.0.0.1:<port>/v2/enqueue`. */
  url: string;
  /** Every request, in order, with the status it got. */
  requests: PagerdutyReceivedRequest[];
  /** Accepted events, in order. */
  events: PagerdutyAcceptedEvent[];
  /** Rejected requests (400) with the errors reported. */
  rejected: Array<{ body: string; errors: string[] }>;
  /** Every alert ever opened, in order (a trigger after a resolve opens a new one). */
  alerts: PagerdutyReceiverAlert[];
  /** The alert currently open (triggered or acknowledged) for a dedup key, if any. */
  openAlert(dedupKey: string, routingKey?: string): PagerdutyReceiverAlert | undefined;
  /** Adds a fault; resolves once it is in force (`refused`: the port is closed). */
  addFault(fault: PagerdutyReceiverFault): Promise<void>;
  /** Removes every fault: held requests are dropped, a refusing receiver listens again on the same port. */
  clearFaults(): Promise<void>;
  stop(): Promise<void>;
}

const throttled = (message: string) => ({ status: 'throttle event', message });

/**
 * Starts a local PagerDuty Events API v2 endpoint (`POST /v2/enqueue`) on loopback. It checks every event against
 * the documented format and limits (see `validatePagerdutyEvent`) and keeps PagerDuty's alert model (see
 * `applyPagerdutyEvent`).
 *
 * Answers: 202 `{status: "success", message: "Event processed", dedup_key}`; 400 `{status: "invalid event",
 * message: "Event object is invalid", errors: [...]}` for anything the documents rule out; 429 when the per-key
 * rate limit (when set) or a fault says so.
 */
export async function startPagerdutyReceiver(
  options: PagerdutyReceiverOptions = {},
): Promise<PagerdutyReceiver> {
  const faults = new FaultInjector<PagerdutyReceiverFault>(options.faults);
  const requests: PagerdutyReceivedRequest[] = [];
  const events: PagerdutyAcceptedEvent[] = [];
  const rejected: Array<{ body: string; errors: string[] }> = [];
  const alerts: PagerdutyReceiverAlert[] = [];
  const admit = options.rateLimit ? perKeyRateLimit(options.rateLimit) : () => true;

  const handle = async (request: TestRequest): Promise<Answer> => {
    const record: PagerdutyReceivedRequest = {
      method: request.method,
      path: request.path,
      headers: request.headers,
      body: request.body.toString('utf8'),
      status: 0,
    };
    requests.push(record);
    const answer = await answerOrFault(request, faults.next(request.method, request.path));
    if (typeof answer !== 'string') record.status = answer.status;
    return answer;
  };

  const answerOrFault = async (
    request: TestRequest,
    fault: PagerdutyReceiverFault | undefined,
  ): Promise<Answer> => {
    if (fault?.kind === 'timeout') return 'hold';
    if (fault?.kind === 'reset') return 'drop';
    if (fault?.kind === 'slow') await delay(fault.delayMs ?? 2000);
    if (fault?.kind === 'rate-limit') {
      const message = 'Requests for this service are arriving too quickly. Please retry later.';
      return jsonReply(429, throttled(message), retryAfterHeader(fault.retryAfter));
    }
    if (fault?.kind === 'status') {
      const status = fault.status ?? 500;
      const body = { status: 'error', message: `Injected fault: HTTP ${status}` };
      return jsonReply(status, body, retryAfterHeader(fault.retryAfter));
    }
    return enqueue(request);
  };

  const enqueue = (request: TestRequest): Reply => {
    if (request.method !== 'POST' || request.path !== '/v2/enqueue')
      return jsonReply(404, { status: 'error', message: 'Not found' });
    const invalid = (errors: string[]) => {
      rejected.push({ body: request.body.toString('utf8'), errors });
      return jsonReply(400, { status: 'invalid event', message: 'Event object is invalid', errors });
    };
    const parsed = parseJsonBody(request.body, { maxBytes: pagerdutyEventLimits.payload });
    if (parsed.kind === 'too-large')
      return invalid([`The event is larger than ${pagerdutyEventLimits.payload / 1024} KB`]);
    if (parsed.kind !== 'json') return invalid(['The request body is not valid JSON']);
    const errors = validatePagerdutyEvent(parsed.value);
    const body = parsed.value as Record<string, unknown>;
    const routingKey = body.routing_key as string;
    if (errors.length === 0 && options.routingKeys && !options.routingKeys.includes(routingKey))
      errors.push('Invalid routing key');
    if (errors.length > 0) return invalid(errors);
    if (!admit(routingKey)) return jsonReply(429, throttled('Request Limit Exceeded'));
    const event: PagerdutyAcceptedEvent = {
      routingKey,
      action: body.event_action as PagerdutyAcceptedEvent['action'],
      dedupKey: (body.dedup_key as string | undefined) ?? randomUUID(),
      body,
    };
    events.push(event);
    applyPagerdutyEvent(alerts, event);
    return jsonReply(202, { status: 'success', message: 'Event processed', dedup_key: event.dedupKey });
  };

  const host = options.host ?? '127.0.0.1';
  const server = await startTestServer({
    port: options.port ?? 0,
    host,
    handle,
    onError: (error) => jsonReply(500, { status: 'error', message: String(error) }),
  });
  return {
    url: `http://${host}:${server.port}/v2/enqueue`,
    requests,
    events,
    rejected,
    alerts,
    openAlert: (dedupKey, routingKey) => findOpenAlert(alerts, dedupKey, routingKey),
    async addFault(fault) {
      faults.add(fault);
      if (fault.kind === 'refused' && server.listening) await server.stop();
    },
    async clearFaults() {
      faults.clear();
      server.releaseHeld();
      if (!server.listening) await server.listen();
    },
    stop: () => server.stop(),
  };
}

/** Admits at most `events` per routing key within any `windowMs`. */
function perKeyRateLimit(limit: { events: number; windowMs: number }): (routingKey: string) => boolean {
  const admitted = new Map<string, number[]>();
  return (routingKey) => {
    const now = Date.now();
    const recent = (admitted.get(routingKey) ?? []).filter((at) => now - at < limit.windowMs);
    admitted.set(routingKey, recent);
    if (recent.length >= limit.events) return false;
    recent.push(now);
    return true;
  };
}
