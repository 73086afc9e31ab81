/** Minutes of a counter growing by `perMinute` each minute, or of a gauge holding `value`. */
export type CounterSegment = [minutes: number, perMinute: number];
export type GaugeSegment = [minutes: number, value: number];

/**
 * A counter's samples in promtool's expanding notation, one a minute from 0 at t=0: `[[1440, 1000]]` is a day of
 * 1000 events a minute (1441 samples).
 */
export function counterValues(segments: CounterSegment[]): string {
  let total = 0;
  const parts = ['0'];
  for (const [minutes, perMinute] of segments) {
    parts.push(minutes === 1 ? `${total + perMinute}` : `${total + perMinute}+${perMinute}x${minutes - 1}`);
    total += minutes * perMinute;
  }
  return parts.join(' ');
}

/** A gauge's samples, one a minute from t=0: `[[1441, 0.85]]` holds 0.85 from 0 to 1d inclusive. */
export function gaugeValues(segments: GaugeSegment[]): string {
  return segments
    .map(([minutes, value]) => (minutes === 1 ? `${value}` : `${value}+0x${minutes - 1}`))
    .join(' ');
}
