import Link from 'next/link';

const LINKS = [
  { href: '/drupal', label: 'Fleet' },
  { href: '/drupal/updates', label: 'Module updates' },
  { href: '/drupal/patch-runs', label: 'Patch runs' },
];

/** Links between the Drupal pages; the outbox only for those who may read it. */
export function DrupalNav({ current, showOutbox }: { current: string; showOutbox: boolean }) {
  const links = showOutbox ? [...LINKS, { href: '/drupal/outbox', label: 'Mail outbox' }] : LINKS;
  return (
    <nav aria-label="Drupal monitoring" className="mb-6 flex flex-wrap gap-2 border-b border-slate-200 pb-3 text-sm">
      {links.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={current === link.href ? 'page' : undefined}
          className={`rounded-md px-3 py-1.5 font-medium ${current === link.href ? 'bg-brand-50 text-brand-700' : 'text-slate-600 hover:bg-slate-100'}`}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
