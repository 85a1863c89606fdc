'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/form-field';
import { ApiError } from '@/components/api-fetch';
import { useAcceptRiskMutation, useWithdrawRiskMutation } from './hooks';

/** Accept (or withdraw) the risk of not updating one module on one site. */
export function AcceptRiskButton({ siteModuleId, project, accepted }: { siteModuleId: number; project: string; accepted: boolean }) {
  const [open, setOpen] = useState(false);
  const [inAMonth] = useState(() => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  const accept = useAcceptRiskMutation(siteModuleId);
  const withdraw = useWithdrawRiskMutation(siteModuleId);

  if (accepted) {
    return (
      <>
        {withdraw.error && <Alert tone="error">{withdraw.error.message}</Alert>}
        <Button size="sm" variant="ghost" pending={withdraw.isPending} onClick={() => withdraw.mutate()}>
          Withdraw acceptance
        </Button>
      </>
    );
  }
  const error = accept.error;
  const fields = error instanceof ApiError ? error.fieldErrors : {};
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
            accept.mutate(
              { reason: String(form.get('reason')), expires_at: new Date(`${expires}T23:59:59Z`).toISOString() },
              { onSuccess: () => setOpen(false) },
            );
          }}
        >
          {error && !Object.keys(fields).length && <Alert tone="error">{error.message}</Alert>}
          <TextField label="Reason" name="reason" required minLength={3} error={fields.reason} />
          <TextField label="Until" name="expires" type="date" required defaultValue={inAMonth} error={fields.expires_at} />
          <DialogActions>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={accept.isPending}>
              Accept risk
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
