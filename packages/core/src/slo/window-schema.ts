import { z } from 'zod';
import { parseDuration } from './duration.js';

export const windowSchema = z.string().refine((text) => parseDuration(text) !== undefined, {
  message: 'expected a duration such as 30m, 1h, 7d, 30d or 4w',
});
