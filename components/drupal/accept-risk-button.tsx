'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/form-field';
import { apiRequest, RequestError } from './request';

/** Accept (or withdraw) the risk of not updating one module on one site. */
export function AcceptRiskButton({ siteModuleId, project, accepted }: { siteModuleId: number; project: string; accepted: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<RequestError | Error | null>(null);
  const [inAMonth] = useState(() => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  const url = `/api/v1/site-modules/${siteModuleId}/accept-risk`;

  const run = async (fn: () => Promise<unknown>) => {
    setPending(true);
    setError(null);
    try {
      await fn();
      setOpen(false);
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setPending(false);
    }
  };

  if (accepted) {
    return (
      <Button size="sm" variant="ghost" pending={pending} onClick={() => run(() => apiRequest('DELETE', url))}>
        Withdraw acceptance
      </Button>
    );
  }
  const fields = error instanceof RequestError ? error.fields : {};
  return (
    <>
      <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>
        Accept risk
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Accept the risk for ${project}`} description="Notifications about this module stop until the date you choose.">
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            const expires = String(form.get('expires'));
            void run(() => apiRequest('PUT', url, { reason: String(form.get('reason')), expires_at: new Date(`${expires}T23:59:59Z`).toISOString() }));
          }}
        >
          {error && !Object.keys(fields).length && <Alert tone="error">{error.message}</Alert>}
          <TextField label="Reason" name="reason" required minLength={3} error={fields.reason} />
          <TextField label="Until" name="expires" type="date" required defaultValue={inAMonth} error={fields.expires_at} />
          <DialogActions>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={pending}>
              Accept risk
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
