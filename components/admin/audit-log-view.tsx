'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { Fragment, useState, useTransition, type FormEvent } from 'react';
import type { AuditLogDto } from '@/lib/admin/dto';
import { compactFilters, type AuditLogListFilters } from '@/components/admin/query-keys';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClasses } from '@/components/ui/button';
import { DateTime } from '@/components/ui/date-time';
import { EmptyState } from '@/components/ui/empty-state';
import { SelectField, TextField } from '@/components/ui/form-field';
import { Pagination } from '@/components/ui/pagination';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { useAuditLogsQuery, type Initial } from './hooks';

const KNOWN_ACTIONS = [
  'auth.*',
  'auth.login',
  'auth.logout',
  'user.*',
  'user.create',
  'user.update',
  'user.delete',
  'organization.*',
  'organization.create',
  'organization.update',
  'organization.delete',
  'api_key.*',
  'api_key.create',
  'api_key.revoke',
];

const DEFAULT_PER_PAGE = 25;

/** The address of the log with these filters (defaults left out). */
function hrefWith(pathname: string, filters: AuditLogListFilters): string {
  const params = new URLSearchParams();
  const { page, per_page, ...rest } = filters;
  for (const [k, v] of Object.entries(compactFilters(rest))) params.set(k, String(v));
  if (per_page !== DEFAULT_PER_PAGE) params.set('per_page', String(per_page));
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `${pathname}?${qs}` : pathname;
}

type Props = {
  initial: Initial<AuditLogListFilters, AuditLogDto[]>;
  /** Address parameters that were not valid and were ignored. */
  ignored: string[];
  lastPage: number;
};

/** The audit log; its filters and page live in the address, so a view can be shared or bookmarked. */
export function AuditLogView({ initial, ignored, lastPage }: Props) {
  const filters = initial.filters;
  const router = useRouter();
  const pathname = usePathname();
  const [navigating, startTransition] = useTransition();
  const query = useAuditLogsQuery(filters, initial);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const rows = query.data?.data ?? [];
  const total = query.data?.meta.total ?? 0;
  const filtered = Boolean(filters.from || filters.to || filters.actor || filters.action || filters.status);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const value = (k: string) => String(form.get(k) ?? '').trim() || undefined;
    const next: AuditLogListFilters = {
      from: value('from'),
      to: value('to'),
      actor: value('actor'),
      action: value('action'),
      status: value('status') as AuditLogListFilters['status'],
      page: 1,
      per_page: filters.per_page,
    };
    startTransition(() => router.push(hrefWith(pathname, next)));
  };

  const toggle = (id: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      {/* A plain GET form: it works before the page's script has loaded, too. */}
      <form
        method="get"
        action={pathname}
        onSubmit={submit}
        aria-label="Filter the audit log"
        className="mb-4 grid grid-cols-2 items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 lg:grid-cols-3 xl:grid-cols-[repeat(5,minmax(0,1fr))_auto]"
        key={JSON.stringify(filters)}
      >
        <TextField label="From" name="from" type="date" defaultValue={filters.from?.slice(0, 10)} />
        <TextField label="To (inclusive)" name="to" type="date" defaultValue={filters.to?.slice(0, 10)} />
        <TextField
          label="Actor"
          name="actor"
          type="search"
          placeholder="E-mail or key name"
          defaultValue={filters.actor}
          maxLength={200}
          className="col-span-2 lg:col-span-1"
        />
        <TextField
          label="Action"
          name="action"
          list="audit-actions"
          placeholder="e.g. user.* or api_key.revoke"
          defaultValue={filters.action}
          autoComplete="off"
          className="col-span-2 lg:col-span-1"
        />
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <SelectField label="Status" name="status" defaultValue={filters.status ?? ''} className="col-span-2 sm:col-span-1">
          <option value="">Any status</option>
          <option value="success">Success</option>
          <option value="failure">Failure</option>
        </SelectField>
        <div className="col-span-2 flex items-end gap-2 sm:col-span-1">
          <Button type="submit" pending={navigating} className="flex-1 xl:flex-none">
            Apply filters
          </Button>
          {filtered && (
            <Link href={pathname} className={buttonClasses('secondary', 'md', 'flex-1 xl:flex-none')}>
              Clear
            </Link>
          )}
        </div>
      </form>

      {ignored.length > 0 && (
        <Alert tone="warning" title="Some filters in the address were not valid and were ignored" className="mb-4">
          Ignored: {ignored.join(', ')}. Dates look like 2026-01-31; actions like “user.create” or “user.*”; status is success or failure.
        </Alert>
      )}

      {query.isError && (
        <Alert tone="error" title="Could not load the audit log" className="mb-4">
          {query.error.message}
        </Alert>
      )}

      {rows.length === 0 ? (
        <EmptyState title={filtered ? 'No entries match these filters' : 'No audit entries yet'}>
          {filters.page > lastPage && total > 0 ? (
            <Link href={hrefWith(pathname, { ...filters, page: 1 })} className="font-medium text-brand-700 underline">
              Go to the first page
            </Link>
          ) : filtered ? (
            'Widen the date range or clear the filters.'
          ) : null}
        </EmptyState>
      ) : (
        <Table label="Audit log entries" className={navigating ? 'opacity-60' : ''}>
          <THead>
            <Th className="w-0">
              <span className="sr-only">Details</span>
            </Th>
            <Th>When</Th>
            <Th>Actor</Th>
            <Th>Action</Th>
            <Th>Entity</Th>
            <Th>Status</Th>
          </THead>
          <TBody>
            {rows.map((r) => {
              const expanded = open.has(r.id);
              const detailId = `audit-detail-${r.id}`;
              return (
                <Fragment key={r.id}>
                  <tr>
                    <Td className="w-0">
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-expanded={expanded}
                        aria-controls={expanded ? detailId : undefined}
                        onClick={() => toggle(r.id)}
                        aria-label={`${expanded ? 'Hide' : 'Show'} details of ${r.action} #${r.id}`}
                      >
                        <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
                        {expanded ? 'Hide' : 'Details'}
                      </Button>
                    </Td>
                    <Td>
                      <DateTime value={r.created_at} />
                    </Td>
                    <Td className="max-w-56 break-words">
                      {r.actor}
                      {r.actor_type !== 'user' && <span className="ml-1 text-xs text-slate-500">({r.actor_type.replace('_', ' ')})</span>}
                    </Td>
                    <Td>
                      <code className="whitespace-nowrap font-mono text-xs text-slate-800">{r.action}</code>
                    </Td>
                    <Td className="whitespace-nowrap text-slate-700">
                      {r.entity_type}
                      {r.entity_id && <span className="text-slate-500"> #{r.entity_id}</span>}
                    </Td>
                    <Td>{r.status === 'success' ? <Badge tone="green">Success</Badge> : <Badge tone="red">Failure</Badge>}</Td>
                  </tr>
                  {expanded && (
                    <tr id={detailId} className="bg-slate-50">
                      <td colSpan={6} className="px-4 py-3">
                        {/* Stays in view while the table scrolls sideways on narrow screens. */}
                        <div className="sticky left-4 max-w-[calc(100cqw-2rem)]">
                          <AuditDetail entry={r} />
                        </div>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </TBody>
        </Table>
      )}
      <Pagination
        label="Audit log"
        page={filters.page}
        perPage={filters.per_page}
        total={total}
        hrefFor={(page) => hrefWith(pathname, { ...filters, page })}
      />
    </>
  );
}

function Json({ label, value }: { label: string; value: unknown }) {
  return (
    <div className="min-w-0">
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">{label}</h3>
      {value === null || value === undefined ? (
        <p className="text-sm text-slate-500">None</p>
      ) : (
        <pre className="max-h-80 overflow-auto whitespace-pre-wrap [overflow-wrap:anywhere] rounded-md border border-slate-200 bg-white p-3 font-mono text-xs leading-relaxed text-slate-800">
          {JSON.stringify(value, null, 2)}
        </pre>
      )}
    </div>
  );
}

/** Top-level keys whose values differ between two objects. */
function changedKeys(before: unknown, after: unknown): string[] | null {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(before) || !isObject(after)) return null;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

function AuditDetail({ entry }: { entry: AuditLogDto }) {
  const changed = changedKeys(entry.before, entry.after);
  return (
    <div className="space-y-3">
      {changed && (
        <p className="text-sm text-slate-700">
          <span className="font-medium">Changed: </span>
          {changed.length ? changed.map((k, i) => (
            <Fragment key={k}>
              {i > 0 && ', '}
              <code className="font-mono text-xs">{k}</code>
            </Fragment>
          )) : 'nothing'}
        </p>
      )}
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-xs text-slate-600">
        <div>
          <dt className="inline font-medium">Request ID: </dt>
          <dd className="inline font-mono">{entry.request_id ?? '—'}</dd>
        </div>
        <div>
          <dt className="inline font-medium">IP: </dt>
          <dd className="inline font-mono">{entry.ip ?? '—'}</dd>
        </div>
        {entry.organization_id !== null && (
          <div>
            <dt className="inline font-medium">Organisation ID: </dt>
            <dd className="inline">{entry.organization_id}</dd>
          </div>
        )}
        {entry.site_id !== null && (
          <div>
            <dt className="inline font-medium">Site ID: </dt>
            <dd className="inline">{entry.site_id}</dd>
          </div>
        )}
      </dl>
      <div className="grid gap-3 md:grid-cols-2">
        <Json label="Before" value={entry.before} />
        <Json label="After" value={entry.after} />
      </div>
      {entry.data !== null && <Json label="Additional data" value={entry.data} />}
    </div>
  );
}
