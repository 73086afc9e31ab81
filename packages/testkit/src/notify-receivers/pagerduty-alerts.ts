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

/** The alert open (triggered or acknowledged) for a dedup key, of any routing key when none is given. */
export function findOpenAlert(
  alerts: readonly PagerdutyReceiverAlert[],
  dedupKey: string,
  routingKey?: string,
): PagerdutyReceiverAlert | undefined {
  return alerts.findLast(
    (alert) =>
      alert.dedupKey === dedupKey &&
      (routingKey === undefined || alert.routingKey === routingKey) &&
      alert.status !== 'resolved',
  );
}

/**
 * PagerDuty's alert model: a trigger opens an alert for its `dedup_key` or adds to the open one (its severity and
 * summary follow the latest trigger); acknowledge and resolve apply to the open alert, and without one they are
 * dropped; a trigger after a resolve opens a new alert.
 */
export function applyPagerdutyEvent(alerts: PagerdutyReceiverAlert[], event: PagerdutyAcceptedEvent): void {
  const { action, dedupKey, routingKey } = event;
  const open = findOpenAlert(alerts, dedupKey, routingKey);
  if (action !== 'trigger') {
    if (!open) return;
    open.status = action === 'resolve' ? 'resolved' : 'acknowledged';
    open.log.push({ action });
    return;
  }
  const { severity, summary } = event.body.payload as { severity: string; summary: string };
  if (open) {
    open.severity = severity;
    open.summary = summary;
    open.log.push({ action, severity, summary });
  } else {
    alerts.push({
      routingKey,
      dedupKey,
      status: 'triggered',
      severity,
      summary,
      log: [{ action, severity, summary }],
    });
  }
}
