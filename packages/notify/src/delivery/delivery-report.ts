/** What `deliverOutbox` did with each due row, in the order the rows were read. */
export interface DeliveryReport {
  sent: Array<{ id: string; channel: string; events: number }>;
  failed: Array<{
    id: string;
    channel: string;
    error: string;
    attempts: number;
    nextAttemptAt: number | null;
    dead: boolean;
  }>;
  /** Rows not to send: single alerts routed to a channel with `schedule: daily` (it gets the daily report). */
  skipped: Array<{ id: string; channel: string; reason: string }>;
}
