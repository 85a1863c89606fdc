import Link from 'next/link';

const TABS = [
  { href: '/inventory', label: 'Variance dashboard' },
  { href: '/inventory/exceptions', label: 'Exceptions' },
  { href: '/inventory/devices', label: 'Device search' },
  { href: '/inventory/windows-11', label: 'Windows 11 readiness' },
] as const;

/** The inventory's pages, as a row of links under the page title. */
export function InventoryTabs({ current }: { current: (typeof TABS)[number]['href'] }) {
  return (
    <nav aria-label="Inventory pages" className="no-print -mt-2 mb-6 flex gap-1 overflow-x-auto border-b border-slate-200">
      {TABS.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.href === current ? 'page' : undefined}
          className={`whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${t.href === current ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
