'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useMapVendorOrganizationMutation } from './hooks';

// Confirm a proposal, or choose another organisation (or none) for one vendor organisation.

type Option = { id: number; name: string };

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
  const [choice, setChoice] = useState<string>(String(current ?? proposed ?? ''));
  const map = useMapVendorOrganizationMutation(id);
  const error = map.error?.message ?? null;

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
          pending={map.isPending}
          onClick={() => map.mutate(choice === '' ? null : Number(choice))}
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
