/** Failures the server surely did not act on (a 429, a refused connection): safe to repeat even for a create. */
const notProcessed = new WeakSet<object>();

export function markNotProcessed<T extends object>(error: T): T {
  notProcessed.add(error);
  return error;
}

export function wasNotProcessed(error: unknown): boolean {
  return typeof error === 'object' && error !== null && notProcessed.has(error);
}
