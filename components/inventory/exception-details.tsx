'use client';

import { DateTime } from '@/components/ui/date-time';
import type { ExceptionItem } from '@/lib/inventory/dto';
import { useExceptionQuery } from './hooks';

const NINJA = 1;

function Field({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-2 py-0.5">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{value ?? '—'}</dd>
    </div>
  );
}

function detailFields(details: unknown, prefix: string) {
  if (!details || typeof details !== 'object') return [];
  return Object.entries(details as Record<string, unknown>)
    .filter(([k, v]) => k.startsWith(prefix) && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => [k.slice(prefix.length).replace(/_/g, ' '), Array.isArray(v) ? v.join(', ') : String(v)] as const);
}

function VendorColumn({ title, item, vendorId, prefix }: { title: string; item: ExceptionItem; vendorId: number; prefix: string }) {
  const records = item.records.filter((r) => r.vendor_id === vendorId);
  const fromDetails = detailFields(item.details, prefix);
  return (
    <section className="min-w-0 rounded-md border border-slate-200 bg-white p-3">
      <h3 className="mb-2 text-sm font-semibold text-slate-900">{title}</h3>
      {records.length === 0 && <p className="text-sm text-slate-600">No record in the latest snapshot.</p>}
      {records.map((r) => (
        <dl key={r.id} className="mb-2 border-b border-slate-100 pb-2 text-xs last:border-0">
          <Field label="Hostname" value={r.hostname} />
          <Field label="Display name" value={r.display_name} />
          <Field label="Organisation" value={r.organization} />
          {vendorId === NINJA && <Field label="Location" value={r.location} />}
          <Field label="Serial" value={r.serial_number} />
          <Field label="OS" value={r.os_name} />
          <Field label="Type / billing" value={[r.device_type, r.billing_status].filter(Boolean).join(' · ') || null} />
          {vendorId !== NINJA && <Field label="Mode / group" value={[r.security_mode, r.computer_group].filter(Boolean).join(' · ') || null} />}
          <Field label="Last seen" value={<DateTime value={r.last_seen} />} />
          <Field label="Snapshot" value={r.snapshot_date} />
        </dl>
      ))}
      {fromDetails.length > 0 && (
        <dl className="mt-2 text-xs">
          <p className="mb-1 font-medium text-slate-700">As the check saw it</p>
          {fromDetails.map(([k, v]) => (
            <Field key={k} label={k} value={v} />
          ))}
        </dl>
      )}
    </section>
  );
}

/** Both vendors' records of the device side by side, the check's details and the exception's history. */
export function ExceptionDetails({ item }: { item: ExceptionItem }) {
  const history = useExceptionQuery(item.id);
  const entries = history.data?.history ?? [];
  return (
    <div className="space-y-3 bg-slate-50 p-3" data-testid={`details-${item.id}`}>
      <div className="grid gap-3 md:grid-cols-2">
        <VendorColumn title="NinjaOne" item={item} vendorId={NINJA} prefix="ninja_" />
        <VendorColumn title="ThreatLocker" item={item} vendorId={2} prefix="tl_" />
      </div>
      {item.notes && <p className="text-xs text-slate-700">Notes: {item.notes}</p>}
      <section className="text-xs">
        <h3 className="mb-1 font-semibold text-slate-900">History</h3>
        {history.isPending && <p className="text-slate-600">Loading…</p>}
        {history.isError && <p className="text-red-800">The history could not be loaded.</p>}
        {!history.isPending && entries.length === 0 && !history.isError && <p className="text-slate-600">No changes yet.</p>}
        <ol className="space-y-1">
          {entries
            .slice()
            .reverse()
            .map((h, i) => (
              <li key={`${h.at}-${i}`}>
                <DateTime value={h.at} /> · {h.by}: {h.reason} ({h.from} → {h.to})
              </li>
            ))}
        </ol>
      </section>
    </div>
  );
}
