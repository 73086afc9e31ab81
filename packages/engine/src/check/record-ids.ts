/** The record ids a check has counted, so that a record read twice counts once, as in `sync`. */
export class RecordIds {
  private readonly ids = new Set<string>();

  /** Records the id; true when it was seen before. */
  seenBefore(id: string): boolean {
    if (this.ids.has(id)) return true;
    this.ids.add(id);
    return false;
  }
}
