import type { AlertBatch, DigestBatch } from '@slokit/core';

/** What an outbox row holds: a batch of alert events, or a daily report. */
export type OutboxPayload = { kind: 'alerts'; batch: AlertBatch } | { kind: 'digest'; digest: DigestBatch };

/** The payload of an outbox row; undefined when it holds neither a batch nor a digest. */
export function parseOutboxPayload(text: string): OutboxPayload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.id !== 'string') return undefined;
  if (Array.isArray(record.events)) return { kind: 'alerts', batch: value as AlertBatch };
  if (typeof record.report === 'object' && record.report !== null)
    return { kind: 'digest', digest: value as DigestBatch };
  return undefined;
}
