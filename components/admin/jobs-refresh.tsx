'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useTransition } from 'react';
import { Button } from '@/components/ui/button';

/** Re-renders the server page: on demand, and every few seconds while a job is running. */
export function JobsRefresh({ active, intervalSeconds = 5 }: { active: boolean; intervalSeconds?: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => startTransition(() => router.refresh()), intervalSeconds * 1000);
    return () => clearInterval(timer);
  }, [active, intervalSeconds, router]);
  return (
    <div className="flex items-center gap-3">
      {active && <span className="text-xs text-slate-600">Updating every {intervalSeconds} s while jobs run</span>}
      <Button variant="secondary" onClick={() => startTransition(() => router.refresh())} pending={pending}>
        Refresh
      </Button>
    </div>
  );
}
