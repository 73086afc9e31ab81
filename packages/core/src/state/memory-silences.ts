import { SlokitError } from '../errors/slokit-error.js';
import { type AssertOpen, copyRow, type MemoryState } from './memory-state.js';
import type { StateStoreV1 } from './state-store.js';

/** Silences: added with a unique id, listed (all, or those active at a time), expired early. */
export function memorySilenceMethods(
  { silences }: Pick<MemoryState, 'silences'>,
  assertOpen: AssertOpen,
): Pick<StateStoreV1, 'listSilences' | 'addSilence' | 'expireSilence'> {
  return {
    async listSilences(query = {}) {
      assertOpen();
      const at = query.activeAt;
      return [...silences.values()]
        .filter(
          (silence) =>
            at === undefined ||
            (silence.startsAt <= at &&
              at < silence.endsAt &&
              (silence.expiredAt === null || at < silence.expiredAt)),
        )
        .map(copyRow);
    },
    async addSilence(silence) {
      assertOpen();
      if (silences.has(silence.id)) throw new SlokitError(`a silence with id '${silence.id}' exists already`);
      silences.set(silence.id, copyRow(silence));
    },
    async expireSilence(id, at) {
      assertOpen();
      const silence = silences.get(id);
      if (!silence || silence.expiredAt !== null || silence.endsAt <= at) return false;
      silence.expiredAt = at;
      return true;
    },
  };
}
