'use client';

import { useSyncExternalStore } from 'react';

const noSubscribe = () => () => {};
const localFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const utcFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/**
 * A timestamp in the reader's time zone. The server does not know that zone,
 * so the first render (server and hydration) shows UTC and the browser then
 * switches to local time without a hydration mismatch.
 */
export function DateTime({ value, fallback = '—' }: { value: string | null | undefined; fallback?: string }) {
  const isClient = useSyncExternalStore(noSubscribe, () => true, () => false);
  if (!value) return <span className="text-slate-500">{fallback}</span>;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <span>{value}</span>;
  return (
    <time dateTime={value} title={date.toISOString()} className="whitespace-nowrap">
      {isClient ? localFormat.format(date) : `${utcFormat.format(date)} UTC`}
    </time>
  );
}
