'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';

// The one-click set-up of a fresh install: an organisation of ours for every
// NinjaOne organisation that matches none, with the mapping confirmed.

type Result = { created: { name: string }[]; confirmed: number; skipped: unknown[] };

export function CreateOrganizations({ names, nearMatches }: { names: string[]; nearMatches: number }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const confirm = () =>
    startTransition(async () => {
      const res = await fetch('/api/inventory/vendor-organizations/create-organizations', { method: 'POST' });
      const body = (await res.json().catch(() => null)) as (Result & { message?: string }) | null;
      if (!res.ok || !body) {
        setError(body?.message ?? `Request failed (${res.status})`);
        return;
      }
      setError(null);
      setOpen(false);
      setDone(`Created ${plural(body.created.length, 'organisation')} and confirmed ${plural(body.confirmed, 'mapping')}.`);
      router.refresh();
    });

  return (
    <div className="flex max-w-md flex-col items-end gap-2">
      <Button onClick={() => setOpen(true)} disabled={names.length === 0}>
        Create organisations for unmatched NinjaOne clients
      </Button>
      <p className="text-right text-xs text-slate-600" data-testid="unmatched-summary">
        {names.length === 0
          ? 'Every NinjaOne organisation is mapped, ignored or close to one of ours.'
          : `${plural(names.length, 'NinjaOne client')} ${names.length === 1 ? 'matches' : 'match'} none of our organisations.`}
        {nearMatches > 0 && ` ${plural(nearMatches, 'other')} ${nearMatches === 1 ? 'is' : 'are'} close to one of ours: review ${nearMatches === 1 ? 'it' : 'them'} below.`}
      </p>
      {done && (
        <Alert tone="success" onDismiss={() => setDone(null)}>
          {done}
        </Alert>
      )}
      <Dialog open={open} onClose={() => setOpen(false)} title={`Create ${plural(names.length, 'organisation')}?`}>
        <div className="space-y-3 text-sm text-slate-700">
          <p>Each becomes a client organisation of ours, and its NinjaOne mapping is confirmed. Its devices and exceptions then reach that organisation&apos;s users.</p>
          <ul className="max-h-60 list-disc overflow-y-auto pl-5">
            {names.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </div>
        {error && (
          <Alert tone="error" className="mt-4">
            {error}
          </Alert>
        )}
        <DialogActions>
          <Button variant="secondary" onClick={() => setOpen(false)} disabled={pending} data-autofocus>
            Cancel
          </Button>
          <Button onClick={confirm} pending={pending}>
            Create and confirm
          </Button>
        </DialogActions>
      </Dialog>
    </div>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
