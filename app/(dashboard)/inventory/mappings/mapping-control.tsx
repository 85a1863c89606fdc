'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';

// Confirm a proposal, or choose another organisation (or none) for one vendor organisation.

type Option = { id: number; name: string };

async function send(url: string, method: 'PUT' | 'POST', body?: unknown): Promise<string | null> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.ok) return null;
  const error = (await res.json().catch(() => null)) as { message?: string } | null;
  return error?.message ?? `Request failed (${res.status})`;
}

export function MappingControl({
  id,
  vendorOrgName,
  current,
  proposed,
  status,
  organizations,
}: {
  id: number;
  vendorOrgName: string;
  current: number | null;
  proposed: number | null;
  status: string;
  organizations: Option[];
}) {
  const router = useRouter();
  const [choice, setChoice] = useState<string>(String(current ?? proposed ?? ''));
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (action: () => Promise<string | null>) =>
    startTransition(async () => {
      const problem = await action();
      setError(problem);
      if (!problem) router.refresh();
    });

  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <label className="sr-only" htmlFor={`map-${id}`}>
          Our organisation for {vendorOrgName}
        </label>
        <select
          id={`map-${id}`}
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm"
        >
          <option value="">None of ours</option>
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <Button
          size="sm"
          pending={pending}
          onClick={() => run(() => send(`/api/inventory/vendor-organizations/${id}`, 'PUT', { organization_id: choice === '' ? null : Number(choice) }))}
        >
          {status === 'proposed' && proposed !== null && choice === String(proposed) ? 'Confirm' : 'Save'}
        </Button>
      </div>
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
