'use client';

import { useState, type ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Pagination } from '@/components/ui/pagination';
import { Table } from '@/components/ui/table';
import type { Envelope } from './hooks';

/** A filter value whose every change sends the list back to its first page. */
export function useFilter<T>(initial: T, toFirstPage: () => void): [T, (value: T) => void] {
  const [value, setValue] = useState(initial);
  return [
    value,
    (next: T) => {
      setValue(next);
      toFirstPage();
    },
  ];
}

/** The filter form above a list, with the list's create button beside it. */
export function ListToolbar({
  search = false,
  label,
  gap = 'gap-x-4 gap-y-3',
  createLabel,
  onCreate,
  children,
}: {
  /** A search landmark; otherwise give the form a label. */
  search?: boolean;
  label?: string;
  gap?: string;
  /** Shown only when set; leave it out when the caller may not create. */
  createLabel?: string;
  onCreate: () => void;
  children: ReactNode;
}) {
  return (
    <div className="mb-4 flex flex-wrap items-end gap-3">
      <form
        role={search ? 'search' : undefined}
        aria-label={label}
        className={`flex flex-1 flex-wrap items-end ${gap}`}
        onSubmit={(e) => e.preventDefault()}
      >
        {children}
      </form>
      {createLabel && (
        <Button onClick={onCreate} className="w-full sm:w-auto">
          {createLabel}
        </Button>
      )}
    </div>
  );
}

type ListQuery = Pick<UseQueryResult<Envelope<unknown[]>, Error>, 'data' | 'error' | 'isError' | 'isFetching' | 'isPlaceholderData' | 'refetch'>;

/** A page of a list: load error, loading notice, the empty state or the table, and pagination. */
export function ListResults({
  query,
  noun,
  label,
  empty,
  page,
  onPageChange,
  perPage,
  children,
}: {
  query: ListQuery;
  /** Lower case, for "Could not load …" and "Loading …". */
  noun: string;
  /** The table's and pagination's accessible name. */
  label: string;
  empty: ReactNode;
  page: number;
  onPageChange: (page: number) => void;
  perPage: number;
  children: ReactNode;
}) {
  const rows = query.data?.data ?? [];
  return (
    <>
      {query.isError && (
        <Alert tone="error" title={`Could not load ${noun}`} className="mb-4">
          <p>{query.error?.message}</p>
          <Button variant="secondary" size="sm" className="mt-2" onClick={() => query.refetch()}>
            Try again
          </Button>
        </Alert>
      )}
      <p className="sr-only" aria-live="polite">
        {query.isFetching ? `Loading ${noun}…` : ''}
      </p>

      {rows.length === 0 && !query.isFetching ? (
        empty
      ) : (
        <Table label={label} className={query.isPlaceholderData ? 'opacity-60' : ''}>
          {children}
        </Table>
      )}
      <Pagination label={label} page={page} perPage={perPage} total={query.data?.meta.total ?? 0} onPageChange={onPageChange} />
    </>
  );
}

/** A small button in a row's actions cell, named after the row for screen readers ("Edit Ada"). */
export function RowAction({ action, name, danger = false, onClick }: { action: string; name: string; danger?: boolean; onClick: () => void }) {
  return (
    <Button variant="secondary" size="sm" className={danger ? 'text-red-700' : ''} onClick={onClick} aria-label={`${action} ${name}`}>
      {action}
    </Button>
  );
}

/** The toast after an edit dialog closes. */
export function savedMessage(name: string, changed: boolean): [string, 'success' | 'info'] {
  return changed ? [`${name} was updated.`, 'success'] : ['Nothing was changed.', 'info'];
}
