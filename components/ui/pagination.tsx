import Link from 'next/link';
import { buttonClasses } from './button';

type Props = {
  page: number;
  perPage: number;
  total: number;
  /** What is being paged, for the navigation's name ("Users pages"). */
  label: string;
  /** Client-side paging. */
  onPageChange?: (page: number) => void;
  /** URL-driven paging: the link to a page. */
  hrefFor?: (page: number) => string;
};

/** Previous/next paging with the visible range; links when hrefFor is given, buttons otherwise. */
export function Pagination({ page, perPage, total, label, onPageChange, hrefFor }: Props) {
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  // The empty state says it already; a single page needs no controls.
  if (total === 0 && page <= 1) return null;
  const first = total === 0 ? 0 : Math.min((page - 1) * perPage + 1, total);
  const last = Math.min(page * perPage, total);
  const control = (target: number, text: string, enabled: boolean) => {
    const cls = buttonClasses('secondary', 'sm', enabled ? '' : 'pointer-events-none opacity-50');
    if (!enabled) {
      return (
        <span className={cls} aria-disabled="true">
          {text}
        </span>
      );
    }
    if (hrefFor) {
      return (
        <Link href={hrefFor(target)} className={cls} aria-label={`${text} page, page ${target}`}>
          {text}
        </Link>
      );
    }
    return (
      <button type="button" className={cls} onClick={() => onPageChange?.(target)} aria-label={`${text} page, page ${target}`}>
        {text}
      </button>
    );
  };
  return (
    <nav aria-label={`${label} pages`} className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p aria-live="polite">
        {total === 0 ? 'No results' : `Showing ${first}–${last} of ${total}`}
        {lastPage > 1 && <span className="ml-1">· page {Math.min(page, lastPage)} of {lastPage}</span>}
      </p>
      {(lastPage > 1 || page > 1) && (
        <div className="flex gap-2">
          {control(Math.min(page - 1, lastPage), 'Previous', page > 1)}
          {control(page + 1, 'Next', page < lastPage)}
        </div>
      )}
    </nav>
  );
}
