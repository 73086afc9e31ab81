import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A local PagerDuty Events API v2 endpoint (`POST /v2/enqueue`) that checks every event against the documented
 * format and limits (PagerDuty/developer-docs `events-API-v2/01-Overview.md`, `02-Trigger-Events.md`) and keeps
 * PagerDuty's alert model: a trigger opens an alert for its `dedup_key` or adds to the open one (its severity and
 * summary follow the latest trigger), a resolve closes it, a resolve without an open alert is dropped, and a
 * trigger after a resolve opens a new alert.
 *
 * Answers: 202 `{status: "success", message: "Event processed", dedup_key}`; 400 `{status: "invalid event",
 * message: "Event object is invalid", errors: [...]}` for anything the documents rule out; 429 when the per-key
 * rate limit (when set) or a fault says so. It is stricter than PagerDuty in one way: unknown fields are errors,
 * so a misspelt field (`dedupKey`) fails a test instead of being ignored.
 */

export const pagerdutyEventLimits = {
  routingKey: 32,
  dedupKey: 255,
  summary: 1024,
  /** Bytes of the request body. */
  payload: 512 * 1024,
} as const;

const severities = ['critical', 'error', 'warning', 'info'];
const actions = ['trigger', 'acknowledge', 'resolve'];
const topLevelFields = new Set([
  'routing_key',
  'event_action',
  'dedup_key',
  'payload',
  'images',
  'links',
  'client',
  'client_url',
]);
const payloadFields = new Set([
  'summary',
  'source',
  'severity',
  'timestamp',
  'component',
  'group',
  'class',
  'custom_details',
]);

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

/** An event the receiver accepted (202), as sent. */
export interface PagerdutyAcceptedEvent {
  routingKey: string;
  action: 'trigger' | 'acknowledge' | 'resolve';
  dedupKey: string;
  body: Record<string, unknown>;
}

export interface PagerdutyAlertLogEntry {
  action: 'trigger' | 'acknowledge' | 'resolve';
  severity?: string;
  summary?: string;
}

/** One PagerDuty alert: opened by a trigger, updated by later triggers, closed by a resolve. */
export interface PagerdutyReceiverAlert {
  routingKey: string;
  dedupKey: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  severity: string;
  summary: string;
  log: PagerdutyAlertLogEntry[];
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

/** Checks an Events API v2 alert event (parsed JSON) against the documented format; returns the errors found. */
export function validatePagerdutyEvent(event: unknown): string[] {
  if (typeof event !== 'object' || event === null || Array.isArray(event))
    return ['The event must be a JSON object'];
  const errors: string[] = [];
  const body = event as Record<string, unknown>;
  for (const field of Object.keys(body))
    if (!topLevelFields.has(field)) errors.push(`'${field}' is not a field of an event`);
  const isString = (value: unknown): value is string => typeof value === 'string';
  if (!isString(body.routing_key) || body.routing_key === '') errors.push("'routing_key' is missing");
  else if (body.routing_key.length !== pagerdutyEventLimits.routingKey)
    errors.push(`'routing_key' must be ${pagerdutyEventLimits.routingKey} characters`);
  if (!isString(body.event_action) || !actions.includes(body.event_action))
    errors.push("'event_action' must be one of trigger, acknowledge, resolve");
  if (body.dedup_key !== undefined) {
    if (!isString(body.dedup_key) || body.dedup_key === '') errors.push("'dedup_key' must be a string");
    else if (body.dedup_key.length > pagerdutyEventLimits.dedupKey)
      errors.push(`'dedup_key' must be at most ${pagerdutyEventLimits.dedupKey} characters`);
  } else if (body.event_action === 'acknowledge' || body.event_action === 'resolve') {
    errors.push(`'dedup_key' is required for ${body.event_action}`);
  }
  if (body.event_action === 'trigger') {
    const payload = body.payload;
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      errors.push("'payload' is missing");
    } else {
      const fields = payload as Record<string, unknown>;
      for (const field of Object.keys(fields))
        if (!payloadFields.has(field)) errors.push(`'payload.${field}' is not a field of a payload`);
      if (!isString(fields.summary) || fields.summary.trim() === '')
        errors.push("'payload.summary' is missing");
      else if (fields.summary.length > pagerdutyEventLimits.summary)
        errors.push(`'payload.summary' must be at most ${pagerdutyEventLimits.summary} characters`);
      if (!isString(fields.source) || fields.source.trim() === '') errors.push("'payload.source' is missing");
      if (!isString(fields.severity) || !severities.includes(fields.severity))
        errors.push("'payload.severity' must be one of critical, error, warning, info");
      if (
        fields.timestamp !== undefined &&
        (!isString(fields.timestamp) || !isIsoTimestamp(fields.timestamp))
      )
        errors.push("'payload.timestamp' must be an ISO 8601 timestamp");
      for (const field of ['component', 'group', 'class'])
        if (fields[field] !== undefined && !isString(fields[field]))
          errors.push(`'payload.${field}' must be a string`);
      const details = fields.custom_details;
      if (
        details !== undefined &&
        (typeof details !== 'object' || details === null || Array.isArray(details))
      )
        errors.push("'payload.custom_details' must be an object");
    }
  } else if (body.payload !== undefined && (typeof body.payload !== 'object' || body.payload === null)) {
    errors.push("'payload' must be an object");
  }
  if (body.links !== undefined) {
    if (!Array.isArray(body.links)) errors.push("'links' must be an array");
    else
      body.links.forEach((link: unknown, index) => {
        const entry = link as Record<string, unknown> | null;
        if (typeof entry !== 'object' || entry === null || !isString(entry.href) || entry.href === '')
          errors.push(`'links[${index}].href' is missing`);
        else if (entry.text !== undefined && !isString(entry.text))
          errors.push(`'links[${index}].text' must be a string`);
        else if (Object.keys(entry).some((key) => key !== 'href' && key !== 'text'))
          errors.push(`'links[${index}]' may only have href and text`);
      });
  }
  if (body.images !== undefined) {
    if (!Array.isArray(body.images)) errors.push("'images' must be an array");
    else
      body.images.forEach((image: unknown, index) => {
        const entry = image as Record<string, unknown> | null;
        if (
          typeof entry !== 'object' ||
          entry === null ||
          !isString(entry.src) ||
          !entry.src.startsWith('https://')
        )
          errors.push(`'images[${index}].src' must be an https URL`);
      });
  }
  for (const field of ['client', 'client_url'])
    if (body[field] !== undefined && !isString(body[field])) errors.push(`'${field}' must be a string`);
  return errors;
}

function isIsoTimestamp(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** Starts the receiver on loopback. */
export async function startPagerdutyReceiver(
  options: PagerdutyReceiverOptions = {},
): Promise<PagerdutyReceiver> {
  const faults = (options.faults ?? []).map((fault) => ({ fault, seen: 0, fired: 0 }));
  const requests: PagerdutyReceivedRequest[] = [];
  const events: PagerdutyAcceptedEvent[] = [];
  const rejected: Array<{ body: string; errors: string[] }> = [];
  const alerts: PagerdutyReceiverAlert[] = [];
  const accepted = new Map<string, number[]>();

  const openAlert = (dedupKey: string, routingKey?: string) =>
    alerts.findLast(
      (alert) =>
        alert.dedupKey === dedupKey &&
        (routingKey === undefined || alert.routingKey === routingKey) &&
        alert.status !== 'resolved',
    );

  const nextFault = () => {
    for (const entry of faults) {
      entry.seen++;
      if (entry.seen <= (entry.fault.skip ?? 0)) continue;
      if (entry.fired >= (entry.fault.times ?? 1)) continue;
      entry.fired++;
      return entry.fault;
    }
    return undefined;
  };

  const answer = (
    response: ServerResponse,
    record: PagerdutyReceivedRequest,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    record.status = status;
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };

  const invalid = (response: ServerResponse, record: PagerdutyReceivedRequest, errors: string[]) => {
    rejected.push({ body: record.body, errors });
    answer(response, record, 400, { status: 'invalid event', message: 'Event object is invalid', errors });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const path = new URL(request.url ?? '/', 'http://receiver').pathname;
    const record: PagerdutyReceivedRequest = {
      method: request.method ?? 'GET',
      path,
      headers: request.headers,
      body: raw.toString('utf8'),
      status: 0,
    };
    requests.push(record);
    const fault = nextFault();
    if (fault?.kind === 'timeout') {
      held.add(response);
      response.on('close', () => held.delete(response));
      return;
    }
    if (fault?.kind === 'reset') {
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 2000));
    if (fault?.kind === 'rate-limit') {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      answer(
        response,
        record,
        429,
        {
          status: 'throttle event',
          message: 'Requests for this service are arriving too quickly. Please retry later.',
        },
        headers,
      );
      return;
    }
    if (fault?.kind === 'status') {
      const status = fault.status ?? 500;
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      answer(
        response,
        record,
        status,
        { status: 'error', message: `Injected fault: HTTP ${status}` },
        headers,
      );
      return;
    }
    if (record.method !== 'POST' || path !== '/v2/enqueue') {
      answer(response, record, 404, { status: 'error', message: 'Not found' });
      return;
    }
    if (raw.length > pagerdutyEventLimits.payload) {
      invalid(response, record, [`The event is larger than ${pagerdutyEventLimits.payload / 1024} KB`]);
      return;
    }
    let event: unknown;
    try {
      event = JSON.parse(record.body);
    } catch {
      invalid(response, record, ['The request body is not valid JSON']);
      return;
    }
    const errors = validatePagerdutyEvent(event);
    const body = event as Record<string, unknown>;
    if (
      errors.length === 0 &&
      options.routingKeys &&
      !options.routingKeys.includes(body.routing_key as string)
    )
      errors.push('Invalid routing key');
    if (errors.length > 0) {
      invalid(response, record, errors);
      return;
    }
    const routingKey = body.routing_key as string;
    if (options.rateLimit) {
      const now = Date.now();
      const recent = (accepted.get(routingKey) ?? []).filter((at) => now - at < options.rateLimit!.windowMs);
      if (recent.length >= options.rateLimit.events) {
        accepted.set(routingKey, recent);
        answer(response, record, 429, { status: 'throttle event', message: 'Request Limit Exceeded' });
        return;
      }
      recent.push(now);
      accepted.set(routingKey, recent);
    }
    const action = body.event_action as PagerdutyAcceptedEvent['action'];
    const dedupKey = (body.dedup_key as string | undefined) ?? randomUUID();
    events.push({ routingKey, action, dedupKey, body });
    const open = openAlert(dedupKey, routingKey);
    const payload = body.payload as { severity: string; summary: string } | undefined;
    if (action === 'trigger') {
      if (open) {
        open.severity = payload!.severity;
        open.summary = payload!.summary;
        open.log.push({ action, severity: payload!.severity, summary: payload!.summary });
      } else {
        alerts.push({
          routingKey,
          dedupKey,
          status: 'triggered',
          severity: payload!.severity,
          summary: payload!.summary,
          log: [{ action, severity: payload!.severity, summary: payload!.summary }],
        });
      }
    } else if (open) {
      // Acknowledge and resolve apply to the open alert; without one they are dropped (still 202).
      open.status = action === 'resolve' ? 'resolved' : 'acknowledged';
      open.log.push({ action });
    }
    answer(response, record, 202, { status: 'success', message: 'Event processed', dedup_key: dedupKey });
  };

  const sockets = new Set<Socket>();
  const held = new Set<ServerResponse>();
  let server: Server | undefined;
  let port = options.port ?? 0;
  const host = options.host ?? '127.0.0.1';
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer((request, response) => {
        handle(request, response).catch((error: unknown) => {
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ status: 'error', message: String(error) }));
        });
      });
      next.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      next.once('error', reject);
      next.listen(port, host, () => {
        port = (next.address() as AddressInfo).port;
        server = next;
        resolve();
      });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      for (const response of held) response.destroy();
      held.clear();
      for (const socket of sockets) socket.destroy();
      if (!server) return resolve();
      const closing = server;
      server = undefined;
      closing.close(() => resolve());
    });
  await listen();
  return {
    url: `http://${host}:${port}/v2/enqueue`,
    requests,
    events,
    rejected,
    alerts,
    openAlert,
    async addFault(fault) {
      faults.push({ fault, seen: 0, fired: 0 });
      if (fault.kind === 'refused' && server) await close();
    },
    async clearFaults() {
      faults.length = 0;
      for (const response of held) response.destroy();
      held.clear();
      if (!server) await listen();
    },
    stop: close,
  };
}
