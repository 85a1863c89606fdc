import { z } from 'zod';

export const idParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

/** "true"/"1" and "false"/"0" in query strings. */
export const queryFlag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');
