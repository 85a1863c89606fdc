/** One row of the exception work list: the API's exception, and each vendor's latest records of that device. */
export type { ExceptionItem } from '@/lib/inventory/dto';

export const inventoryKeys = {
  all: ['inventory'] as const,
  exceptionList: (search: string) => ['inventory', 'exceptions', 'list', search] as const,
  exception: (id: number) => ['inventory', 'exceptions', 'one', id] as const,
};
