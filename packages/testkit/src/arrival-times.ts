import type { Random } from './random.js';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
/** Support traffic peaks mid-afternoon UTC, when both Europe and the Americas are at work. */
const PEAK_MINUTE_OF_DAY = 15 * 60;

export interface ArrivalTimesOptions {
  random: Random;
  startMs: number;
  /** Exclusive. */
  endMs: number;
  /** Relative swing of the daily cycle in [0, 1): 0.5 means ±50 % around the mean rate. */
  dailyCycle: number;
  /** Mean arrivals per minute over a whole day (the cycle averages out). */
  requestsPerMinute?: number;
  /** Exactly this many arrivals, instead of a rate. */
  count?: number;
}

/**
 * Request times in epoch ms, ascending, in [startMs, endMs): a Poisson process whose rate follows the daily cycle.
 *
 * The cycle is handled by a time change: arrivals are drawn uniformly on the "busy-minutes" axis
 * Λ(t) = ∫ rate(t) dt and mapped back through Λ⁻¹, so the process is exact and no arrival is rejected.
 * With `count`, the N arrivals are the sorted order statistics of N uniform draws on that axis, produced one
 * at a time so that nothing is buffered.
 */
export function* generateArrivalTimes(options: ArrivalTimesOptions): Generator<number> {
  const { random, startMs, endMs, dailyCycle } = options;
  // Minutes are counted from the UTC midnight before the start to keep the sine arguments small.
  const originMs = Math.floor(startMs / (DAY_MINUTES * MINUTE_MS)) * DAY_MINUTES * MINUTE_MS;
  const startMinute = (startMs - originMs) / MINUTE_MS;
  const endMinute = (endMs - originMs) / MINUTE_MS;
  const busyTime = (minute: number) =>
    minute + ((dailyCycle * DAY_MINUTES) / (2 * Math.PI)) * Math.sin(cyclePhase(minute));
  const rateFactor = (minute: number) => 1 + dailyCycle * Math.cos(cyclePhase(minute));

  let minute = startMinute;
  let busy = busyTime(startMinute);
  const toMinute = (targetBusy: number) => {
    // Newton's method on the increasing Λ, started from the previous arrival: one or two steps suffice.
    let guess = minute + (targetBusy - busy) / rateFactor(minute);
    for (let step = 0; step < 30; step++) {
      const correction = (busyTime(guess) - targetBusy) / rateFactor(guess);
      guess -= correction;
      if (Math.abs(correction) < 1e-7) break;
    }
    minute = guess;
    busy = targetBusy;
    return guess;
  };

  let previousMs = startMs;
  const toEpochMs = (arrivalMinute: number) => {
    const ms = Math.min(endMs - 1, Math.max(previousMs, Math.floor(originMs + arrivalMinute * MINUTE_MS)));
    previousMs = ms;
    return ms;
  };

  if (options.count !== undefined) {
    const busyStart = busy;
    const busySpan = busyTime(endMinute) - busyStart;
    let fraction = 0;
    for (let remaining = options.count; remaining > 0; remaining--) {
      // The smallest of `remaining` uniforms on [fraction, 1) is 1 - (1 - fraction)·U^(1/remaining).
      fraction = 1 - (1 - fraction) * (1 - random.next()) ** (1 / remaining);
      yield toEpochMs(toMinute(busyStart + fraction * busySpan));
    }
    return;
  }

  const meanGapBusyMinutes = 1 / (options.requestsPerMinute ?? 10);
  for (;;) {
    const arrivalMinute = toMinute(busy + random.exponential(meanGapBusyMinutes));
    if (arrivalMinute >= endMinute) return;
    yield toEpochMs(arrivalMinute);
  }
}

function cyclePhase(minute: number): number {
  return (2 * Math.PI * (minute - PEAK_MINUTE_OF_DAY)) / DAY_MINUTES;
}
