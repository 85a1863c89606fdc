import { buttonClasses } from '@/components/ui/button';

/** Download links of one export in the three formats. */
export function ExportLinks({ label, hrefs }: { label: string; hrefs: { csv: string; xlsx: string; pdf: string } }) {
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-2">
      <span className="text-xs font-medium text-slate-600">{label}</span>
      <a className={buttonClasses('secondary', 'sm')} href={hrefs.csv} download>
        CSV
      </a>
      <a className={buttonClasses('secondary', 'sm')} href={hrefs.xlsx} download>
        Excel
      </a>
      <a className={buttonClasses('secondary', 'sm')} href={hrefs.pdf} download>
        PDF
      </a>
    </div>
  );
}
