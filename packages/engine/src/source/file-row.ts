/** One row of a records file: a parsed value, or the problem that kept it from being one. */
export interface FileRow {
  value: unknown;
  line: number;
  problem: string | undefined;
}
