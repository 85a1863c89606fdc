'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CopyField } from '@/components/ui/copy-field';
import { cronLine } from './cron-line';
import { useIssueSiteKeyMutation } from './hooks';

/**
 * Creates the site's reporting key (role developer, bound to the site) and
 * shows it once with the cron line. "Rotate" also revokes the site's older keys.
 */
export function SiteKeyPanel({ site, appUrl, hasKeys }: { site: { id: number; name: string; organization_id: number }; appUrl: string; hasKeys: boolean }) {
  const issue = useIssueSiteKeyMutation(site);
  const created = issue.data ?? null;

  return (
    <div className="space-y-3">
      {issue.error && <Alert tone="error">{issue.error.message}</Alert>}
      {created ? (
        <>
          <Alert tone="success">The key is shown once. Put it in the site&apos;s crontab now.</Alert>
          <CopyField label="API key" value={created} autoFocus />
          <CopyField label="Cron line (hourly report)" value={cronLine(appUrl, site.id, created)} />
        </>
      ) : (
        <Button onClick={() => issue.mutate({ rotate: hasKeys })} pending={issue.isPending} variant={hasKeys ? 'secondary' : 'primary'}>
          {hasKeys ? 'Rotate the site’s API key' : 'Create the site’s API key'}
        </Button>
      )}
    </div>
  );
}
