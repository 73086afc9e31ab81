import { SlokitError, SourceError } from '@slokit/core/internal';

/** Anything a source throws that is not already a slokit error means the source could not be read (exit 3). */
export async function guardSource<T>(source: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (SlokitError.isInstance(error) || (error as Error)?.name === 'AbortError') throw error;
    throw new SourceError(source, (error as Error)?.message ?? String(error), { cause: error });
  }
}
