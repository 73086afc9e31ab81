import type { ResolvedConfig, StateStore } from '@slokit/core';
import { openStateStore } from '@slokit/store';

/** The config's state store, migrated and ready: SQLite beside the config by default, Postgres with `store.url`. */
export async function openConfiguredStore(config: ResolvedConfig): Promise<StateStore> {
  const store = await openStateStore(
    config.store.kind === 'postgres' ? { url: config.store.url } : { path: config.store.path },
  );
  await store.migrate();
  return store;
}
