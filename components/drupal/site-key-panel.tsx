'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CopyField } from '@/components/ui/copy-field';
import { cronLine } from './cron-line';
import { apiRequest } from './request';

type Key = { id: number; key?: string; site_id: number | null; is_revoked?: boolean };

/**
 * Creates the site's reporting key (role developer, bound to the site) and
 * shows it once with the cron line. "Rotate" also revokes the site's older keys.
 */
export function SiteKeyPanel({ site, appUrl, hasKeys }: { site: { id: number; name: string; organization_id: number }; appUrl: string; hasKeys: boolean }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  const issue = async () => {
    setPending(true);
    setError(null);
    try {
      const older = hasKeys ? await apiRequest<Key[]>('GET', `/api/v1/api-keys?site_id=${site.id}&per_page=100`) : [];
      const key = await apiRequest<Key>('POST', '/api/v1/api-keys', {
        name: `${site.name} module reports`.slice(0, 120),
        organization_id: site.organization_id,
        role: 'developer',
        site_id: site.id,
      });
      for (const old of older.filter((k) => k.site_id === site.id && !k.is_revoked)) {
        await apiRequest('DELETE', `/api/v1/api-keys/${old.id}`);
      }
      setCreated(key.key ?? null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="space-y-3">
      {error && <Alert tone="error">{error}</Alert>}
      {created ? (
        <>
          <Alert tone="success">The key is shown once. Put it in the site&apos;s crontab now.</Alert>
          <CopyField label="API key" value={created} autoFocus />
          <CopyField label="Cron line (hourly report)" value={cronLine(appUrl, site.id, created)} />
        </>
      ) : (
        <Button onClick={issue} pending={pending} variant={hasKeys ? 'secondary' : 'primary'}>
          {hasKeys ? 'Rotate the site’s API key' : 'Create the site’s API key'}
        </Button>
      )}
    </div>
  );
}
