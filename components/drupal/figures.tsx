/** A row of headline figures above a Drupal page's table: label, then value. */
export function Figures({ figures }: { figures: readonly (readonly [string, string | number])[] }) {
  return (
    <dl className="mb-6 grid gap-3 sm:grid-cols-4">
      {figures.map(([label, value]) => (
        <div key={label} className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
          <dd className="mt-1 text-2xl font-semibold text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
