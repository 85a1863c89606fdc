import type { DeviceDto } from '@/db/queries/inventory-ui';
import type { ExceptionDto } from '@/db/queries/inventory/exceptions';

/** One row of the exception work list: the API's exception, and each vendor's latest records of that device. */
export type ExceptionItem = ExceptionDto & { records: DeviceDto[] };

export const inventoryKeys = {
  all: ['inventory'] as const,
  exceptionList: (search: string) => ['inventory', 'exceptions', 'list', search] as const,
  exception: (id: number) => ['inventory', 'exceptions', 'one', id] as const,
};
