import { type AlertBatch, createMemoryStateStore, type OutboxRow, type StateStore } from '@slokit/core';

export interface RecordingStore extends StateStore {
  /** Every outbox row as the store holds it now, whatever its status. */
  outbox(): Map<string, OutboxRow>;
  /** Everything written to the store (commits and outbox updates), serialized: what a secret scan reads. */
  written(): string;
  /** When each row's last update happened (wall clock), to check that channels do not wait for one another. */
  updatedAt: Map<string, number>;
}

/** A memory state store that also keeps a copy of every outbox row and of everything written to it. */
export function recordingStore(inner: StateStore = createMemoryStateStore()): RecordingStore {
  const rows = new Map<string, OutboxRow>();
  const writes: string[] = [];
  const updatedAt = new Map<string, number>();
  return {
    ...inner,
    async commit(cycle) {
      writes.push(JSON.stringify(cycle));
      for (const row of cycle.outbox ?? []) if (!rows.has(row.id)) rows.set(row.id, { ...row });
      await inner.commit(cycle);
    },
    async updateOutbox(update) {
      writes.push(JSON.stringify(update));
      const row = rows.get(update.id);
      if (row) rows.set(update.id, { ...row, ...update });
      updatedAt.set(update.id, Date.now());
      await inner.updateOutbox(update);
    },
    outbox: () => rows,
    written: () => writes.join('\n'),
    updatedAt,
  };
}

/** An outbox row for a batch, as runSync writes it. */
export function outboxRow(batch: AlertBatch, createdAt: number): OutboxRow {
  return {
    id: batch.id,
    channel: batch.channel,
    payload: JSON.stringify(batch),
    createdAt,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: createdAt,
    lastError: null,
  };
}
