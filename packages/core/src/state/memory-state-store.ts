import { SlokitError } from '../errors/slokit-error.js';
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

interface MemoryState {
  cursors: Map<string, SourceCursor>;
  buckets: Map<string, Map<string, SliBucket>>;
  seen: Map<string, Map<string, number>>;
  evaluations: Map<string, EvaluationRow>;
  alertStates: Map<string, AlertStateRow>;
  alertEvents: Map<string, AlertEventRow>;
  outbox: Map<string, OutboxRow>;
  publishes: PublishLogRow[];
  silences: Map<string, Silence>;
  leases: Map<string, Lease>;
}

const states = new WeakMap<StateStoreV1, MemoryState>();

function newState(): MemoryState {
  return {
    cursors: new Map(),
    // Per SLO definition, so a window read does not scan every SLO's history.
    buckets: new Map(),
    seen: new Map(),
    evaluations: new Map(),
    alertStates: new Map(),
    alertEvents: new Map(),
    outbox: new Map(),
    publishes: [],
    silences: new Map(),
    leases: new Map(),
  };
}

/**
 * The state store in memory: for tests, dry runs and programmatic replays. Same semantics as the durable drivers
 * (commit all or nothing, leases, upserts), nothing survives the process. Pass a store to open another one on the same state (a second worker).
 */
export function createMemoryStateStore(sameStateAs?: StateStoreV1): StateStoreV1 {
  const shared = sameStateAs ? states.get(sameStateAs) : undefined;
  const state = shared ?? newState();
  const {
    cursors,
    buckets,
    seen,
    evaluations,
    alertStates,
    alertEvents,
    outbox,
    publishes,
    silences,
    leases,
  } = state;
  let closed = false;
  const open = () => {
    if (closed) throw new SlokitError('the state store is closed');
  };
  const key = (...parts: Array<string | number>) => parts.join('\u0000');
  // Rows are flat: a shallow copy keeps callers from mutating the store.
  const copy = <T>(value: T): T => ({ ...value });

  const store: StateStoreV1 = {
    specificationVersion: 'v1',
    kind: 'memory',
    location: 'memory',
    async migrate() {
      open();
    },
    async close() {
      closed = true;
    },
    async tryAcquireLease(name, owner, ttlMs, now) {
      open();
      const lease = leases.get(name);
      if (lease && lease.owner !== owner && lease.expiresAt > now) return false;
      leases.set(name, { name, owner, expiresAt: now + ttlMs });
      return true;
    },
    async releaseLease(name, owner) {
      open();
      if (leases.get(name)?.owner === owner) leases.delete(name);
    },
    async listLeases(prefix, now) {
      open();
      return [...leases.values()]
        .filter((lease) => lease.name.startsWith(prefix) && lease.expiresAt > now)
        .map(copy);
    },
    async getCursor(source) {
      open();
      const cursor = cursors.get(source);
      return cursor ? copy(cursor) : undefined;
    },
    async getBuckets(query) {
      open();
      return [...(buckets.get(key(query.slo, query.definition))?.values() ?? [])]
        .filter((row) => row.start >= query.from && row.start < query.to)
        .sort((a, b) => a.start - b.start || byteOrder(a.segment, b.segment))
        .map(copy);
    },
    async filterSeen(source, ids) {
      open();
      const known = seen.get(source);
      return new Set(known ? ids.filter((id) => known.has(id)) : []);
    },
    async getAlertStates() {
      open();
      return [...alertStates.values()].map(copy);
    },
    async getEvaluations(query) {
      open();
      return [...evaluations.values()]
        .filter(
          (row) =>
            (query.slo === undefined || row.slo === query.slo) && row.at >= query.from && row.at < query.to,
        )
        .sort((a, b) => a.at - b.at)
        .map(copy);
    },
    async getAlertEvents(query) {
      open();
      return [...alertEvents.values()]
        .filter(
          (row) =>
            (query.slo === undefined || row.slo === query.slo) && row.at >= query.from && row.at < query.to,
        )
        .sort((a, b) => a.at - b.at)
        .map(copy);
    },
    async getDueOutbox(now, limit) {
      open();
      return [...outbox.values()]
        .filter((row) => row.status === 'pending' && row.nextAttemptAt <= now)
        .sort((a, b) => a.createdAt - b.createdAt)
        .slice(0, limit)
        .map(copy);
    },
    async updateOutbox(update) {
      open();
      const row = outbox.get(update.id);
      if (row) outbox.set(update.id, { ...row, ...update });
    },
    async getPublishLog(query) {
      open();
      return publishes.filter((row) => row.at >= query.from && row.at < query.to).map(copy);
    },
    async listSilences(query = {}) {
      open();
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
      open();
      if (silences.has(silence.id)) throw new SlokitError(`a silence with id '${silence.id}' exists already`);
      silences.set(silence.id, copy(silence));
    },
    async expireSilence(id, at) {
      open();
      const silence = silences.get(id);
      if (!silence || silence.expiredAt !== null || silence.endsAt <= at) return false;
      silence.expiredAt = at;
      return true;
    },
    async commit(writes: CycleWrites) {
      open();
      rejectInvalid(writes);
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
      open();
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
  states.set(store, state);
  return store;
}

/** Code-unit order, as the SQL drivers sort text (not the locale's order). */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const required: Record<string, string[]> = {
  cursors: ['source', 'updatedAt'],
  buckets: ['slo', 'definition', 'segment', 'start', 'count', 'good', 'sum', 'sumSquares'],
  seen: ['source', 'id', 'time'],
  evaluations: ['slo', 'segment', 'at', 'status', 'samples', 'level', 'details'],
  alertStates: ['slo', 'segment', 'state', 'updatedAt'],
  alertEvents: ['id', 'slo', 'segment', 'at', 'kind', 'level', 'silenced', 'payload'],
  outbox: ['id', 'channel', 'payload', 'createdAt', 'status', 'attempts', 'nextAttemptAt'],
  publishes: ['checkId', 'source', 'target', 'published', 'at'],
};

/** What the SQL drivers refuse (a missing required field, NaN) is refused here too, before anything is written. */
function rejectInvalid(writes: CycleWrites): void {
  for (const [table, fields] of Object.entries(required)) {
    const rows = (writes[table as keyof CycleWrites] as Array<Record<string, unknown>> | undefined) ?? [];
    rows.forEach((row, index) => {
      for (const field of fields) {
        if (row[field] === null || row[field] === undefined)
          throw new RangeError(`${table}[${index}].${field} is required`);
      }
      for (const [field, value] of Object.entries(row)) {
        if (typeof value === 'number' && Number.isNaN(value))
          throw new RangeError(`${table}[${index}].${field}: NaN`);
      }
    });
  }
}
