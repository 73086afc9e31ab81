import { z } from 'zod';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** A test on one field of a record. Several operators in one predicate must all hold. */
export const predicateSchema = z
  .strictObject({
    field: z.string().min(1, 'expected a field path such as `status` or `scores.accuracy`'),
    equals: scalar.optional(),
    in: z.array(scalar).min(1, 'expected a non-empty list of values').optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    exists: z.boolean().optional(),
  })
  .refine(
    (predicate) =>
      ['equals', 'in', 'lt', 'lte', 'gt', 'gte', 'exists'].some(
        (operator) => predicate[operator as keyof typeof predicate] !== undefined,
      ),
    { message: 'expected at least one of equals, in, lt, lte, gt, gte, exists' },
  );

export type Predicate = z.infer<typeof predicateSchema>;
