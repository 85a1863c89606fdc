import { z } from 'zod';
import { EXCEPTION_TYPES } from './model/variance';
import { isIsoDate } from './vendors';

// Request shapes shared by the inventory endpoints.

export const isoDate = z.string().refine(isIsoDate, 'Expected a date (YYYY-MM-DD)');
export const dateParams = z.object({ date: isoDate });
export const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');
export const exceptionType = z.enum(EXCEPTION_TYPES);
