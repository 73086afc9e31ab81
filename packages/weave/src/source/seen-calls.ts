/**
 * The ids of calls already returned, kept for as long as a later page or a resumed read could return them again:
 * those that started at or after a moving threshold. Append-only arrays make a snapshot (for a cursor) O(1).
 */
export class SeenCalls {
  private ids: string[] = [];
  private times: number[] = [];
  private start = 0;
  private readonly set = new Set<string>();

  constructor(initial: ReadonlyArray<readonly [string, number]> = []) {
    for (const [id, time] of initial) this.add(id, time);
  }

  has(id: string): boolean {
    return this.set.has(id);
  }

  add(id: string, time: number): void {
    if (this.set.has(id)) return;
    this.set.add(id);
    this.ids.push(id);
    this.times.push(time);
  }

  /** Forgets calls that started before `threshold` (calls arrive in start order, so from the front). */
  forgetBefore(threshold: number): void {
    while (this.start < this.ids.length && this.times[this.start]! < threshold) {
      this.set.delete(this.ids[this.start]!);
      this.start++;
    }
    if (this.start > 4096 && this.start * 2 > this.ids.length) {
      // New arrays: snapshots taken earlier keep the old ones.
      this.ids = this.ids.slice(this.start);
      this.times = this.times.slice(this.start);
      this.start = 0;
    }
  }

  /** The current entries, read later (a cursor is only encoded when someone asks for it). */
  snapshot(): () => Array<[string, number]> {
    const { ids, times, start } = this;
    const end = ids.length;
    return () => {
      const entries: Array<[string, number]> = [];
      for (let index = start; index < end; index++) entries.push([ids[index]!, times[index]!]);
      return entries;
    };
  }

  get size(): number {
    return this.set.size;
  }
}
