'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';

/**
 * What a successful write does on a server-rendered page: mark the cached
 * queries under each key prefix stale (active ones refetch), and refresh the
 * route for what only the server renders.
 */
export function useRefreshAfter(...keys: (readonly unknown[])[]) {
  const client = useQueryClient();
  const router = useRouter();
  return () => {
    for (const queryKey of keys) void client.invalidateQueries({ queryKey });
    router.refresh();
  };
}
