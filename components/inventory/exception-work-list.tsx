'use client';

import Link from 'next/link';
import { Fragment, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { describeFailure } from '@/components/api-fetch';
import type { ExceptionItem, ExceptionListPage } from '@/lib/inventory/dto';
import type { ExceptionAction as Action } from './exception-actions';
import { ExceptionDetails } from './exception-details';
import { useExceptionActionMutation, useExceptionListQuery, useRenameInThreatLockerMutation } from './hooks';
import { exceptionStatus, typeLabel } from './labels';

type Props = {
  /** The page as the server rendered it: the list's data until it is refetched. */
  initial: ExceptionListPage;
  /** The list's URL search string: identifies the page in the cache and builds sort links. */
  search: string;
  canAct: boolean;
  /** Rows that leave the list once resolved (the open list). */
  openOnly: boolean;
  sort: string;
  direction: 'asc' | 'desc';
};

const DONE: Record<Action, string> = { resolve: 'resolved', mark_manually_fixed: 'marked as fixed by hand', reset_status: 'reopened' };

function sortHref(search: string, column: string, current: string, direction: 'asc' | 'desc') {
  const params = new URLSearchParams(search);
  const next = column === current && direction === 'desc' ? 'asc' : 'desc';
  params.set('sort', column);
  params.set('dir', next);
  params.delete('page');
  return `?${params.toString()}`;
}

export function ExceptionWorkList(props: Props) {
  return (
    <ToastProvider>
      <WorkList {...props} />
    </ToastProvider>
  );
}

function WorkList({ initial, search, canAct, openOnly, sort, direction }: Props) {
  const notify = useToast();
  const items = useExceptionListQuery(search, initial).data.items;
  const [picked, setSelected] = useState<Set<number>>(new Set());
  // Rows that left the list (resolved elsewhere, another page) are no longer selected.
  const selected = new Set([...picked].filter((id) => items.some((i) => i.id === id)));
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [fixing, setFixing] = useState<number[] | null>(null);
  const [note, setNote] = useState('');
  const [renaming, setRenaming] = useState<ExceptionItem | null>(null);

  const act = useExceptionActionMutation(search, openOnly);
  const rename = useRenameInThreatLockerMutation();

  const run = (ids: number[], action: Action, notes?: string) =>
    act.mutate(
      { rows: items.filter((i) => ids.includes(i.id)), action, notes },
      {
        onSuccess: () => {
          notify(`${ids.length === 1 ? 'Exception' : `${ids.length} exceptions`} ${DONE[action]}`);
          setSelected(new Set());
        },
        onError: (error) => notify(describeFailure(error), 'error'),
      },
    );
  const renameNow = (item: ExceptionItem) => {
    const d = item.details as Record<string, string | null>;
    rename.mutate(
      { computer_id: d.tl_device_id ?? undefined, hostname: d.tl_device_id ? undefined : item.hostname, new_name: renameTarget(item)!, old_name: d.tl_display_name ?? undefined },
      {
        onSuccess: (res) => {
          notify(res.message || 'ThreatLocker computer renamed');
          setRenaming(null);
        },
      },
    );
  };
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.id));
  const toggle = (set: Set<number>, id: number) => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  };
  const chosen = [...selected];
  const columns = canAct ? 7 : 6;

  const sortHeader = (column: string, label: string, className = '') => (
    <Th className={className} aria-sort={sort === column ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}>
      <Link href={sortHref(search, column, sort, direction)} className="inline-flex items-center gap-1 hover:underline">
        {label}
        <span aria-hidden="true">{sort === column ? (direction === 'asc' ? '▲' : '▼') : ''}</span>
      </Link>
    </Th>
  );

  return (
    <div className="space-y-3">
      {canAct && (
        <div role="toolbar" aria-label="Actions on selected exceptions" className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white p-2 text-sm" data-testid="bulk-toolbar">
          <span className="px-1 text-slate-700" aria-live="polite">
            {chosen.length} selected
          </span>
          <Button size="sm" disabled={chosen.length === 0} pending={act.isPending} onClick={() => run(chosen, 'resolve')}>
            Resolve selected
          </Button>
          <Button size="sm" variant="secondary" disabled={chosen.length === 0 || act.isPending} onClick={() => (setNote(''), setFixing(chosen))}>
            Mark selected fixed…
          </Button>
          <Button size="sm" variant="secondary" disabled={chosen.length === 0 || act.isPending} onClick={() => run(chosen, 'reset_status')}>
            Reopen selected
          </Button>
        </div>
      )}

      {items.length === 0 ? (
        <EmptyState title="No exceptions match">Change the filters to see more.</EmptyState>
      ) : (
        <Table label="Exceptions">
          <THead>
            {canAct && (
              <Th>
                <input type="checkbox" aria-label="Select all on this page" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((i) => i.id)))} />
              </Th>
            )}
            {sortHeader('hostname', 'Hostname')}
            {sortHeader('type', 'Type')}
            {sortHeader('organization', 'Client', 'hidden sm:table-cell')}
            {sortHeader('status', 'Status')}
            {sortHeader('last_seen', 'Last seen', 'hidden md:table-cell')}
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </THead>
          <TBody>
            {items.map((item) => {
              const status = exceptionStatus(item.resolved, item.variance_status);
              const open = expanded.has(item.id);
              return (
                <Fragment key={item.id}>
                  <tr data-testid={`exception-${item.id}`} data-hostname={item.hostname} className={selected.has(item.id) ? 'bg-brand-50' : undefined}>
                    {canAct && (
                      <Td>
                        <input type="checkbox" aria-label={`Select ${item.hostname}`} checked={selected.has(item.id)} onChange={() => setSelected((s) => toggle(s, item.id))} />
                      </Td>
                    )}
                    <Td className="font-mono text-xs sm:text-sm">{item.hostname}</Td>
                    <Td className="whitespace-nowrap">{typeLabel(item.type)}</Td>
                    <Td className="hidden sm:table-cell">{item.organization_name ?? <span className="text-slate-500">Not mapped</span>}</Td>
                    <Td>
                      <Badge tone={status.tone}>{status.label}</Badge>
                    </Td>
                    <Td className="hidden whitespace-nowrap md:table-cell">{item.last_seen_date}</Td>
                    <Td>
                      <div className="flex flex-wrap justify-end gap-1">
                        <Button size="sm" variant="ghost" aria-expanded={open} aria-controls={`exception-details-${item.id}`} onClick={() => setExpanded((s) => toggle(s, item.id))}>
                          {open ? 'Hide' : 'Details'}
                        </Button>
                        {canAct && !item.resolved && (
                          <>
                            <Button size="sm" variant="secondary" disabled={act.isPending} onClick={() => run([item.id], 'resolve')} aria-label={`Resolve ${item.hostname}`}>
                              Resolve
                            </Button>
                            <Button size="sm" variant="secondary" disabled={act.isPending} onClick={() => (setNote(''), setFixing([item.id]))} aria-label={`Mark ${item.hostname} fixed`}>
                              Mark fixed…
                            </Button>
                          </>
                        )}
                        {canAct && item.resolved && (
                          <Button size="sm" variant="secondary" disabled={act.isPending} onClick={() => run([item.id], 'reset_status')} aria-label={`Reopen ${item.hostname}`}>
                            Reopen
                          </Button>
                        )}
                        {canAct && item.type === 'DISPLAY_NAME_MISMATCH' && !item.resolved && renameTarget(item) && (
                          <Button size="sm" variant="secondary" onClick={() => (rename.reset(), setRenaming(item))} aria-label={`Rename ${item.hostname} in ThreatLocker`}>
                            Rename in ThreatLocker…
                          </Button>
                        )}
                      </div>
                    </Td>
                  </tr>
                  {open && (
                    <tr id={`exception-details-${item.id}`}>
                      <td colSpan={columns}>
                        <ExceptionDetails item={item} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </TBody>
        </Table>
      )}

      <Dialog open={fixing !== null} onClose={() => setFixing(null)} title={fixing && fixing.length > 1 ? `Mark ${fixing.length} exceptions fixed` : 'Mark exception fixed'}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (fixing) run(fixing, 'mark_manually_fixed', note.trim() || undefined);
            setFixing(null);
          }}
          className="space-y-3 text-sm"
        >
          <p className="text-slate-700">The next collection checks the fix: the exception stays closed if the variance is gone, and reopens if not.</p>
          <label className="block">
            <span className="mb-1 block font-medium text-slate-900">What was done</span>
            <textarea data-autofocus className="w-full rounded-md border border-slate-300 px-3 py-2" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <DialogActions>
            <Button variant="secondary" onClick={() => setFixing(null)}>
              Cancel
            </Button>
            <Button type="submit">Mark fixed</Button>
          </DialogActions>
        </form>
      </Dialog>

      <ConfirmDialog
        open={renaming !== null}
        title="Rename in ThreatLocker"
        confirmLabel="Rename computer"
        pending={rename.isPending}
        error={rename.isError ? describeFailure(rename.error) : null}
        onClose={() => setRenaming(null)}
        onConfirm={() => renaming && renameNow(renaming)}
      >
        {renaming && (
          <p>
            ThreatLocker calls this computer <strong>{String((renaming.details as Record<string, unknown>).tl_display_name ?? renaming.hostname)}</strong>. Rename it to NinjaOne’s name{' '}
            <strong>{renameTarget(renaming)}</strong>? The device is then re-read and checked again.
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}

/** NinjaOne's name for the device: what ThreatLocker should show. */
function renameTarget(item: ExceptionItem): string | null {
  const d = item.details as Record<string, unknown>;
  const name = typeof d.ninja_display_name === 'string' && d.ninja_display_name.trim() ? d.ninja_display_name : typeof d.ninja_hostname === 'string' ? d.ninja_hostname : null;
  return name;
}
