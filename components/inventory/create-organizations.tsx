'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { useCreateOrganizationsMutation } from './hooks';

// The one-click set-up of a fresh install: an organisation of ours for every
// NinjaOne organisation that matches none, with the mapping confirmed.

export function CreateOrganizations({ names, nearMatches }: { names: string[]; nearMatches: number }) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const create = useCreateOrganizationsMutation();
  const error = create.error?.message ?? null;

  const confirm = () =>
    create.mutate(undefined, {
      onSuccess: (result) => {
        setOpen(false);
        setDone(`Created ${plural(result.created.length, 'organisation')} and confirmed ${plural(result.confirmed, 'mapping')}.`);
      },
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
          <Button variant="secondary" onClick={() => setOpen(false)} disabled={create.isPending} data-autofocus>
            Cancel
          </Button>
          <Button onClick={confirm} pending={create.isPending}>
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
