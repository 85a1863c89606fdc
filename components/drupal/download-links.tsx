import { buttonClasses } from '@/components/ui/button';

/**
 * CSV and Excel downloads of a summary endpoint (`href` without its query).
 * Plain links, not next/link: the browser downloads a file, it opens no page.
 */
export function DownloadLinks({ href }: { href: string }) {
  return (
    <>
      <a href={`${href}?format=csv`} className={buttonClasses('secondary')}>
        Download CSV
      </a>
      <a href={`${href}?format=xlsx`} className={buttonClasses('secondary')}>
        Download Excel
      </a>
    </>
  );
}
