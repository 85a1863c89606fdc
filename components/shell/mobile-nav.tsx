'use client';

import { useEffect, useRef, useState } from 'react';
import { NavLinks, type NavGroup } from './nav-links';

/** The navigation behind a menu button on narrow screens. */
export function MobileNav({ groups }: { groups: NavGroup[] }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <div className="lg:hidden">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls="mobile-nav"
        onClick={() => setOpen((v) => !v)}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700"
      >
        {open ? 'Close' : 'Menu'}
      </button>
      {open && (
        <div id="mobile-nav" className="absolute inset-x-0 top-14 z-20 border-b border-slate-200 bg-white p-4 shadow-lg">
          <NavLinks groups={groups} onNavigate={() => setOpen(false)} />
        </div>
      )}
    </div>
  );
}
