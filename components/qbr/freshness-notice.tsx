import { Alert } from '@/components/ui/alert';
import type { QbrFreshness } from '@/lib/qbr/dto';

const names = { connectwise: 'ConnectWise', quickbooks: 'QuickBooks', metrics: 'QBR metrics' } as const;

/** Says which sources are stale and why; the numbers shown are the last good ones. */
export function FreshnessNotice({ freshness }: { freshness: QbrFreshness }) {
  const stale = freshness.sources.filter((s) => s.is_stale);
  const simulated = freshness.sources.filter((s) => s.mode === 'simulated');
  return (
    <div className="mb-6 space-y-2">
      {stale.length > 0 && (
        <Alert tone="warning" title="Some QBR data may be out of date">
          <ul className="list-disc pl-5" data-testid="stale-sources">
            {stale.map((s) => (
              <li key={s.job_name}>
                <strong>{names[s.source]}:</strong> {s.reason}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {simulated.length > 0 && (
        <p className="text-xs text-slate-600">
          {simulated.map((s) => names[s.source]).join(' and ')} {simulated.length === 1 ? 'runs' : 'run'} on the built-in simulator (demo data).
        </p>
      )}
    </div>
  );
}
