import type {
  AlertEventRow,
  AlertStateRow,
  EvaluationRow,
  Lease,
  OutboxRow,
  PublishLogRow,
  Silence,
  SliBucket,
  SourceCursor,
  StateStoreV1,
} from './state-store.js';

/** The tables of the memory state store; stores opened on the same state share one. */
export interface MemoryState {
  cursors: Map<string, SourceCursor>;
  /** Per SLO definition, so a window read does not scan every SLO's history. */
  buckets: Map<string, Map<string, SliBucket>>;
  /** Per source: each counted record id and its time. */
  seen: Map<string, Map<string, number>>;
  evaluations: Map<string, EvaluationRow>;
  alertStates: Map<string, AlertStateRow>;
  alertEvents: Map<string, AlertEventRow>;
  outbox: Map<string, OutboxRow>;
  publishes: PublishLogRow[];
  silences: Map<string, Silence>;
  leases: Map<string, Lease>;
}

/** Throws once the store that calls it is closed. */
export type AssertOpen = () => void;

export type PruneBefore = Parameters<StateStoreV1['prune']>[0];

export function newMemoryState(): MemoryState {
  return {
    cursors: new Map(),
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

/** The key of a row in its table, from the fields a SQL driver's primary key would hold. */
export function rowKey(...parts: Array<string | number>): string {
  return parts.join('\u0000');
}

/** Rows are flat: a shallow copy keeps callers from mutating the store. */
export function copyRow<T>(row: T): T {
  return { ...row };
}
