import type { CheckProgress } from '@slokit/engine';
import type { CliIo } from './cli-io.js';

/** A one-line record counter on stderr, drawn only on an interactive terminal; silent in CI and with --format json. */
export function createProgress(io: CliIo, enabled: boolean) {
  if (!enabled || !io.interactive) return { update: undefined, done: () => {} };
  let lastDraw = 0;
  let drawn = false;
  return {
    update(progress: CheckProgress) {
      const now = Date.now();
      if (now - lastDraw < 100) return;
      lastDraw = now;
      drawn = true;
      const skipped = progress.skipped > 0 ? `, ${progress.skipped.toLocaleString('en-US')} skipped` : '';
      io.stderr(
        `\r\u001b[2Kreading ${progress.source}: ${progress.records.toLocaleString('en-US')} records${skipped}`,
      );
    },
    done() {
      if (drawn) io.stderr('\r\u001b[2K');
    },
  };
}
