import { EmulatorHttpError } from './emulator-http-error.js';
import { parseTime } from './run-filter.js';

/** Epoch ms of a time the SDK sends: a number (ms), or an ISO string with or without a zone. */
export function parseTimeInput(value: unknown): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const time = parseTime(value);
    if (!Number.isNaN(time)) return time;
  }
  throw new EmulatorHttpError(422, `not a time: ${JSON.stringify(value)}`);
}
