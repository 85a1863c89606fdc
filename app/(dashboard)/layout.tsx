import type { ReactNode } from 'react';
import { findOrganization } from '@/db/queries/admin';
import { MobileNav } from '@/components/shell/mobile-nav';
import { NavLinks } from '@/components/shell/nav-links';
import { SignOutButton } from './sign-out-button';
import { getPageContext } from '@/lib/auth/page-context';
import { isDemoActive } from '@/lib/demo/seed';
import { navigationFor } from '@/lib/auth/navigation';

export const dynamic = 'force-dynamic';

const roleLabel = { superuser: 'Superuser', org_admin: 'Organisation admin', developer: 'Developer', viewer: 'Viewer' } as const;

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const ctx = await getPageContext();
  const actor = ctx.actor;
  const [groups, demo, org] = await Promise.all([
    navigationFor(actor),
    isDemoActive(ctx.db),
    findOrganization(ctx.db, { organizationId: null }, actor.organizationId),
  ]);
  const name = actor.kind === 'user' ? actor.name : actor.name;
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="no-print sticky top-0 z-10 flex h-14 items-center justify-between border-b border-slate-200 bg-white px-4">
        <div className="flex items-center gap-3">
          <MobileNav groups={groups} />
          <span className="font-semibold text-slate-900">MSP Ops Hub</span>
          {demo && (
            <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900" title="Vendors run on built-in simulators">
              Demo data
            </span>
          )}
        </div>
        <div className="flex items-center gap-2 text-sm">
          <span className="hidden text-right sm:block">
            <span className="block font-medium text-slate-900" data-testid="current-user">
              {name}
            </span>
            <span className="block text-xs text-slate-600">
              {roleLabel[actor.role]} · {org?.name ?? 'Unknown organisation'}
            </span>
          </span>
          <SignOutButton />
        </div>
      </header>
      <div className="mx-auto flex max-w-screen-2xl">
        <aside className="no-print hidden w-60 shrink-0 border-r border-slate-200 bg-white px-3 py-6 lg:block" style={{ minHeight: 'calc(100vh - 3.5rem)' }}>
          <NavLinks groups={groups} />
        </aside>
        <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-6 lg:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
