import type { Metadata } from 'next';
import { DrupalNav } from '@/components/drupal/drupal-nav';
import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { getPageContext } from '@/lib/auth/page-context';
import { listOutboxFor } from '@/lib/mail/outbox';

export const metadata: Metadata = { title: 'Mail outbox' };

const PER_PAGE = 20;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageContext('outbox:read');
  const page = Math.max(1, Math.min(100_000, Number((await searchParams).page) || 1));
  const { rows, total } = await listOutboxFor(ctx, { page, per_page: PER_PAGE });
  return (
    <>
      <PageHeader title="Mail outbox" description="Every e-mail the system wrote. Without SMTP_URL, mail stays here instead of being sent." />
      <DrupalNav current="/drupal/outbox" showOutbox />
      {rows.length === 0 ? (
        <EmptyState title="No mail yet" />
      ) : (
        <ul className="space-y-3">
          {rows.map((mail) => (
            <li key={mail.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium text-slate-900">{mail.subject}</span>
                <Badge tone={mail.status === 'sent' ? 'green' : mail.status === 'failed' ? 'red' : 'slate'}>
                  {mail.status === 'stored' ? (mail.transport === 'outbox' ? 'Kept in outbox' : 'Waiting') : mail.status === 'sent' ? 'Sent' : 'Failed'}
                </Badge>
              </div>
              <div className="mt-1 text-xs text-slate-600">
                To {mail.to} · <DateTime value={mail.created_at} /> · {mail.category}
                {mail.error ? ` · ${mail.error}` : ''}
              </div>
              <details className="mt-2 text-sm">
                <summary className="cursor-pointer text-brand-700">Show message</summary>
                <pre className="mt-2 whitespace-pre-wrap break-words rounded bg-slate-50 p-3 text-xs text-slate-800">{mail.text}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-4">
        <Pagination page={page} perPage={PER_PAGE} total={total} label="Outbox pages" hrefFor={(p) => `/drupal/outbox?page=${p}`} />
      </div>
    </>
  );
}
