import { z } from 'zod';
import { NOT_READY_OUTCOMES } from './assessment';

// Query parameters of the /api/windows-11-24h2 lists.

export const readinessListQuery = z.strictObject({
  organization_id: z.coerce.number().int().positive().optional(),
  /** Comma-separated subset of incompatible, remediable, unknown (the not-ready list only). */
  outcome: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()) : []))
    .pipe(z.array(z.enum(NOT_READY_OUTCOMES))),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});

export const readinessStatusQuery = z.strictObject({ organization_id: z.coerce.number().int().positive().optional() });
