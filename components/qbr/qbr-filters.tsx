import { buttonClasses } from '@/components/ui/button';
import type { QbrOrganization } from '@/lib/qbr/dto';

/** Organisation and period choice as a plain GET form, so it works without scripts and keeps the URL shareable. */
export function QbrFilters({ action, organizations, organizationId, period, periods }: { action: string; organizations: QbrOrganization[]; organizationId: number; period: string; periods: { value: string; label: string }[] }) {
  return (
    <form method="get" action={action} className="no-print mb-6 flex flex-wrap items-end gap-3" aria-label="Choose organisation and period">
      {organizations.length > 1 && (
        <label className="flex flex-col text-sm text-slate-700">
          Organisation
          <select name="organization_id" defaultValue={String(organizationId)} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm" data-testid="org-select">
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.is_home ? `${o.name} (company scorecard)` : o.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {organizations.length <= 1 && <input type="hidden" name="organization_id" value={organizationId} />}
      {periods.length > 0 && (
        <label className="flex flex-col text-sm text-slate-700">
          Period
          <select name="period" defaultValue={period} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm" data-testid="period-select">
            {periods.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" className={buttonClasses('secondary')}>
        Show
      </button>
    </form>
  );
}
