import type { PublisherFactory } from '../publish/publisher-factory.js';
import type { SourceFactory } from '../source/source-factory.js';

/**
 * Version 1 of the contract a tracker adapter package (`@slokit/<type>`) exports as `adapter` and as its default
 * export: which source type it serves, how to build a source from a config entry, and, when the tracker takes
 * results back, a publisher. A plain object type: a change to it is a new version, never an edit.
 */
export interface AdapterV1 {
  readonly specificationVersion: 'v1';
  /** The `type:` of the config entries it serves: `langsmith`, `mlflow`, `weave`. */
  readonly type: string;
  readonly createSource: SourceFactory;
  readonly createPublisher?: PublisherFactory;
}

export type Adapter = AdapterV1;

/** Declares an adapter: the identity, typed, so a package's `adapter` export is checked against the contract. */
export function defineAdapter<const T extends AdapterV1>(adapter: T): T {
  return adapter;
}
