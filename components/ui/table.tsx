import type { ComponentPropsWithoutRef, ReactNode } from 'react';

/**
 * A table inside a bordered box that scrolls sideways on narrow screens
 * instead of widening the page. The box is focusable so that keyboard users
 * can scroll it too.
 */
export function Table({ label, children, className = '' }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`@container relative overflow-x-auto rounded-lg border border-slate-200 bg-white ${className}`}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{label}</caption>
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return (
    <thead className="bg-slate-50 text-left text-slate-600">
      <tr>{children}</tr>
    </thead>
  );
}

export function Th({ children, className = '', ...rest }: ComponentPropsWithoutRef<'th'>) {
  return (
    <th scope="col" className={`whitespace-nowrap px-4 py-2 font-medium ${className}`} {...rest}>
      {children}
    </th>
  );
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-100">{children}</tbody>;
}

export function Td({ children, className = '', ...rest }: ComponentPropsWithoutRef<'td'>) {
  return (
    <td className={`px-4 py-2 align-top ${className}`} {...rest}>
      {children}
    </td>
  );
}
