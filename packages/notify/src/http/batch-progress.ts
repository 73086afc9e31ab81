/**
 * Which requests of each batch a channel already made successfully, for channels that send a batch in several
 * requests (PagerDuty: one per event; Alertmanager: one per server). Delivery retries a failed batch through the
 * same channel object within a run: requests that succeeded are not made again. Kept in memory for the most recent
 * batches only: a later run starts over, which the receivers tolerate (a dedup key, a re-posted alert).
 */
export class BatchProgress {
  private readonly progress = new Map<string, Set<number>>();

  constructor(private readonly limit = 100) {}

  /** Whether request `index` of the batch already succeeded. */
  isDone(batchId: string, index: number): boolean {
    return this.progress.get(batchId)?.has(index) ?? false;
  }

  markDone(batchId: string, index: number): void {
    const done = this.progress.get(batchId) ?? new Set<number>();
    done.add(index);
    this.progress.delete(batchId);
    this.progress.set(batchId, done);
    if (this.progress.size > this.limit) this.progress.delete(this.progress.keys().next().value!);
  }

  /** The batch went through: a later send of the same id (a new run, a replay) starts over. */
  finish(batchId: string): void {
    this.progress.delete(batchId);
  }
}
