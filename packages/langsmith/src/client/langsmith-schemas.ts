import { z } from 'zod';

// Lenient wire schemas for the answers slokit reads: the fields it relies on are checked, every other field is
// kept as it came (runs are mapped field by field, so they stay `unknown` here).

/** One page of `POST /api/v2/runs/query`. */
export const runsPageV2Schema = z.looseObject({
  items: z.array(z.unknown()),
  next_cursor: z.string().nullish(),
});

/** One page of the legacy `POST /runs/query`. */
export const runsPageV1Schema = z.looseObject({
  runs: z.array(z.unknown()),
  cursors: z.looseObject({ next: z.unknown() }).nullish(),
});

/** An offset page of `GET /sessions` or `GET /datasets`: a bare array. */
export const listPageSchema = z.array(z.unknown());

/** `POST /runs/stats`: a flat object of stats. */
export const runStatsSchema = z.record(z.string(), z.unknown());

/** A session (a tracing project or an experiment) as `GET /sessions` lists it. */
export const sessionSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  tenant_id: z.string().nullish(),
  reference_dataset_id: z.string().nullish(),
});
export type Session = z.infer<typeof sessionSchema>;
