'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputClasses } from '@/components/ui/form-field';
import type { QbrConfig } from '@/lib/qbr/dto';
import { describeError, qbrRequest } from './api';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The collectors' configuration as editable text: one item per line. */
export function ConfigEditor({ config, categories, organizations }: { config: QbrConfig; categories: readonly string[]; organizations: { id: number; name: string }[] }) {
  const router = useRouter();
  const [boards, setBoards] = useState(config.reactive_boards.join('\n'));
  const [statuses, setStatuses] = useState(config.closed_statuses.join('\n'));
  const [accounts, setAccounts] = useState(config.account_mappings.map((a) => `${a.account_name} = ${a.category}`).join('\n'));
  const [vendors, setVendors] = useState(config.vendor_mappings.map((v) => `${v.organization_id}, ${v.vendor}, ${v.external_id}, ${v.external_name ?? ''}`).join('\n'));
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ tone: 'success' | 'error'; lines: string[] } | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setResult(null);
    try {
      const body = {
        reactive_boards: lines(boards),
        closed_statuses: lines(statuses),
        account_mappings: lines(accounts).map((l) => {
          const at = l.lastIndexOf('=');
          return { account_name: at < 0 ? l : l.slice(0, at).trim(), category: at < 0 ? '' : l.slice(at + 1).trim() };
        }),
        vendor_mappings: lines(vendors).map((l) => {
          const [org, vendor, externalId, ...name] = l.split(',').map((p) => p.trim());
          return { organization_id: Number(org), vendor, external_id: externalId ?? '', external_name: name.join(', ') || null };
        }),
      };
      await qbrRequest('/api/qbr/config', 'PUT', body);
      setResult({ tone: 'success', lines: ['The collectors use this from their next run.'] });
      router.refresh();
    } catch (error) {
      setResult({ tone: 'error', lines: describeError(error) });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-label="QBR configuration">
      <div className="grid gap-4 md:grid-cols-2">
        <label className="block text-sm font-medium text-slate-700">
          Reactive ConnectWise boards (one per line)
          <textarea className={`${inputClasses} min-h-20`} rows={3} value={boards} onChange={(e) => setBoards(e.target.value)} />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Closed statuses (one per line)
          <textarea className={`${inputClasses} min-h-20`} rows={3} value={statuses} onChange={(e) => setStatuses(e.target.value)} />
        </label>
      </div>
      <label className="block text-sm font-medium text-slate-700">
        QuickBooks accounts: “Account or section name = category”
        <textarea className={`${inputClasses} min-h-48 font-mono`} rows={8} value={accounts} onChange={(e) => setAccounts(e.target.value)} />
        <span className="mt-1 block text-xs font-normal text-slate-600">Categories: {categories.join(', ')}. Unmapped income counts as misc_revenue, cost of goods as product_cogs, other expenses as other_expenses.</span>
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Vendor mappings: “organisation id, connectwise|quickbooks, company or customer id, name”
        <textarea className={`${inputClasses} min-h-32 font-mono`} rows={6} value={vendors} onChange={(e) => setVendors(e.target.value)} />
        <span className="mt-1 block text-xs font-normal text-slate-600">Organisations: {organizations.map((o) => `${o.id} = ${o.name}`).join('; ')}.</span>
      </label>
      <Button type="submit" pending={pending}>
        Save configuration
      </Button>
      {result && (
        <Alert tone={result.tone} title={result.tone === 'success' ? 'Configuration saved' : 'Not saved'}>
          <ul className="list-disc pl-5">
            {result.lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </Alert>
      )}
    </form>
  );
}
