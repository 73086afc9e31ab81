const blocks = '▁▂▃▄▅▆▇█';

/** Averages a series into at most `width` points, oldest first; empty slots stay null. */
export function downsample(values: Array<number | null>, width: number): Array<number | null> {
  if (values.length <= width) return values;
  const points: Array<number | null> = [];
  for (let slot = 0; slot < width; slot++) {
    const slice = values.slice(
      Math.floor((slot * values.length) / width),
      Math.floor(((slot + 1) * values.length) / width),
    );
    const present = slice.filter((value): value is number => value !== null);
    points.push(
      present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0) / present.length,
    );
  }
  return points;
}

/** A text sparkline of a series (gaps as spaces); flat series draw at mid height. */
export function sparkline(values: Array<number | null>, width = 14): string {
  const points = downsample(values, width);
  const present = points.filter((value): value is number => value !== null);
  if (present.length === 0) return '';
  const low = Math.min(...present);
  const high = Math.max(...present);
  return points
    .map((value) => {
      if (value === null) return ' ';
      if (high === low) return blocks[3];
      return blocks[Math.min(blocks.length - 1, Math.floor(((value - low) / (high - low)) * blocks.length))];
    })
    .join('');
}
