import { LeaseLostError } from './lease-lost-error.js';
import type {
  AlertEventRow,
  AlertStateRow,
  CycleWrites,
  EvaluationRow,
  Lease,
  OutboxRow,
  PublishLogRow,
  Silence,
  SliBucket,
  SourceCursor,
  StateStoreV1,
} from './state-store.js';

/**
 * The state store in memory: for tests, dry runs and programmatic replays. Same semantics as the durable drivers
 * (commit all or nothing, leases, upserts), nothing survives the process.
 */
export function createMemoryStateStore(): StateStoreV1 {
  const cursors = new Map<string, SourceCursor>();
  // Per SLO definition, so a window read does not scan every SLO's history.
  const buckets = new Map<string, Map<string, SliBucket>>();
  const seen = new Map<string, Map<string, number>>();
  const evaluations = new Map<string, EvaluationRow>();
  const alertStates = new Map<string, AlertStateRow>();
  const alertEvents = new Map<string, AlertEventRow>();
  const outbox = new Map<string, OutboxRow>();
  const publishes: PublishLogRow[] = [];
  const silences = new Map<string, Silence>();
  const leases = new Map<string, Lease>();
  const key = (...parts: Array<string | number>) => parts.join('\u0000');
  // Rows are flat: a shallow copy keeps callers from mutating the store.
  const copy = <T>(value: T): T => ({ ...value });

  return {
    specificationVersion: 'v1',
    kind: 'memory',
    location: 'memory',
    async migrate() {},
    async close() {},
    async tryAcquireLease(name, owner, ttlMs, now) {
      const lease = leases.get(name);
      if (lease && lease.owner !== owner && lease.expiresAt > now) return false;
      leases.set(name, { name, owner, expiresAt: now + ttlMs });
      return true;
    },
    async releaseLease(name, owner) {
      if (leases.get(name)?.owner === owner) leases.delete(name);
    },
    async listLeases(prefix, now) {
      return [...leases.values()]
        .filter((lease) => lease.name.startsWith(prefix) && lease.expiresAt > now)
        .map(copy);
    },
    async getCursor(source) {
      const cursor = cursors.get(source);
      return cursor ? copy(cursor) : undefined;
    },
    async getBuckets(query) {
      return [...(buckets.get(key(query.slo, query.definition))?.values() ?? [])]
        .filter((row) => row.start >= query.from && row.start < query.to)
        .sort((a, b) => a.start - b.start || a.segment.localeCompare(b.segment))
        .map(copy);
    },
    async filterSeen(source, ids) {
      const known = seen.get(source);
      return new Set(known ? ids.filter((id) => known.has(id)) : []);
    },
    async getAlertStates() {
      return [...alertStates.values()].map(copy);
    },
    async getEvaluations(query) {
      return [...evaluations.values()]
        .filter(
          (row) =>
            (query.slo === undefined || row.slo === query.slo) && row.at >= query.from && row.at < query.to,
        )
        .sort((a, b) => a.at - b.at)
        .map(copy);
    },
    async getAlertEvents(query) {
      return [...alertEvents.values()]
        .filter(
          (row) =>
            (query.slo === undefined || row.slo === query.slo) && row.at >= query.from && row.at < query.to,
        )
        .sort((a, b) => a.at - b.at)
        .map(copy);
    },
    async getDueOutbox(now, limit) {
      return [...outbox.values()]
        .filter((row) => row.status === 'pending' && row.nextAttemptAt <= now)
        .sort((a, b) => a.createdAt - b.createdAt)
        .slice(0, limit)
        .map(copy);
    },
    async updateOutbox(update) {
      const row = outbox.get(update.id);
      if (row) outbox.set(update.id, { ...row, ...update });
    },
    async getPublishLog(query) {
      return publishes.filter((row) => row.at >= query.from && row.at < query.to).map(copy);
    },
    async listSilences(query = {}) {
      const at = query.activeAt;
      return [...silences.values()]
        .filter(
          (silence) =>
            at === undefined ||
            (silence.startsAt <= at &&
              at < silence.endsAt &&
              (silence.expiredAt === null || at < silence.expiredAt)),
        )
        .map(copy);
    },
    async addSilence(silence) {
      silences.set(silence.id, copy(silence));
    },
    async expireSilence(id, at) {
      const silence = silences.get(id);
      if (!silence || silence.expiredAt !== null || silence.endsAt <= at) return false;
      silence.expiredAt = at;
      return true;
    },
    async commit(writes: CycleWrites) {
      if (writes.lease) {
        const lease = leases.get(writes.lease.name);
        if (!lease || lease.owner !== writes.lease.owner || lease.expiresAt <= writes.lease.now) {
          throw new LeaseLostError(writes.lease.name, writes.lease.owner);
        }
      }
      for (const cursor of writes.cursors ?? []) cursors.set(cursor.source, copy(cursor));
      for (const row of writes.buckets ?? []) {
        const definitionKey = key(row.slo, row.definition);
        let rows = buckets.get(definitionKey);
        if (!rows) {
          rows = new Map();
          buckets.set(definitionKey, rows);
        }
        rows.set(key(row.segment, row.start), copy(row));
      }
      for (const row of writes.seen ?? []) {
        let known = seen.get(row.source);
        if (!known) {
          known = new Map();
          seen.set(row.source, known);
        }
        if (!known.has(row.id)) known.set(row.id, row.time);
      }
      for (const row of writes.evaluations ?? [])
        evaluations.set(key(row.slo, row.segment, row.at), copy(row));
      for (const row of writes.alertStates ?? []) alertStates.set(key(row.slo, row.segment), copy(row));
      for (const row of writes.alertEvents ?? [])
        if (!alertEvents.has(row.id)) alertEvents.set(row.id, copy(row));
      for (const row of writes.outbox ?? []) if (!outbox.has(row.id)) outbox.set(row.id, copy(row));
      publishes.push(...(writes.publishes ?? []).map(copy));
    },
    async prune(before) {
      for (const known of seen.values())
        for (const [id, time] of known) if (time < before.seen) known.delete(id);
      for (const rows of buckets.values()) {
        for (const [id, row] of rows) {
          const fine = !row.definition.includes(':');
          if (row.start < before.buckets || (fine && row.start < before.fineBuckets)) rows.delete(id);
        }
      }
      for (const [id, row] of evaluations) if (row.at < before.evaluations) evaluations.delete(id);
      for (const [id, row] of alertEvents) if (row.at < before.alertEvents) alertEvents.delete(id);
      for (const [id, row] of outbox)
        if (row.createdAt < before.outbox && row.status !== 'pending') outbox.delete(id);
    },
  };
}
