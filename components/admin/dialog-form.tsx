'use client';

import type { FormEvent, ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { DialogActions } from '@/components/ui/dialog';
import { FormError } from './form-error';

/** A form inside a dialog: the API error on top, the fields, then Cancel and submit. */
export function DialogForm({
  onSubmit,
  mutation,
  fields,
  columns = false,
  submitLabel,
  onCancel,
  children,
}: {
  onSubmit: (form: FormData) => void;
  /** The mutation the form submits: its error is shown, and its pending state disables the buttons. */
  mutation: { error: unknown; isPending: boolean };
  /** Fields shown in the form; API issues about any other go to the top. */
  fields: readonly string[];
  /** Two columns from small screens up; otherwise one stack. */
  columns?: boolean;
  submitLabel: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { error, isPending: pending } = mutation;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onSubmit(new FormData(e.currentTarget));
  };
  return (
    <form onSubmit={submit} noValidate>
      <FormError error={error} fields={fields} />
      <div className={columns ? 'grid gap-4 sm:grid-cols-2' : 'space-y-4'}>{children}</div>
      <DialogActions>
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" pending={pending}>
          {submitLabel}
        </Button>
      </DialogActions>
    </form>
  );
}
