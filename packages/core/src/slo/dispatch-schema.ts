import { z } from 'zod';

/**
 * A schema that chooses the schema to apply by looking at the value, so validation errors speak about the shape
 * the user meant instead of listing every branch of a union.
 */
export function dispatchSchema<Output>(
  choose: (value: unknown) => z.ZodType | undefined,
  mismatchMessage = 'unexpected value',
) {
  return z.unknown().transform((value, context): Output => {
    const schema = choose(value);
    if (!schema) {
      context.addIssue({ code: 'custom', message: mismatchMessage });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      }
      return z.NEVER;
    }
    return parsed.data as Output;
  });
}
