'use client';

import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';

export const inputClasses =
  'block h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-600 aria-[invalid=true]:border-red-600 disabled:bg-slate-100 disabled:text-slate-500';

type FieldChrome = { label: string; error?: string | null; hint?: ReactNode; className?: string };

function describedBy(hintId: string, errorId: string, hint: unknown, error: unknown) {
  return [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
}

function FieldText({ id, error, hint, hintId }: { id: string; error?: string | null; hint?: ReactNode; hintId: string }) {
  return (
    <>
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={id} className="mt-1 text-xs font-medium text-red-700">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </>
  );
}

/** A labelled text input with its hint and its error beside it. */
export function TextField({ label, error, hint, className = '', id, ...input }: FieldChrome & ComponentPropsWithRef<'input'>) {
  const auto = useId();
  const inputId = id ?? auto;
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  return (
    <div className={className}>
      <label htmlFor={inputId} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
        {input.required && <span className="text-slate-500"> (required)</span>}
      </label>
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, errorId, hint, error)}
        className={inputClasses}
        {...input}
      />
      <FieldText id={errorId} error={error} hint={hint} hintId={hintId} />
    </div>
  );
}

/** A labelled select with its hint and its error beside it. */
export function SelectField({ label, error, hint, className = '', id, children, ...select }: FieldChrome & ComponentPropsWithRef<'select'>) {
  const auto = useId();
  const selectId = id ?? auto;
  const errorId = `${selectId}-error`;
  const hintId = `${selectId}-hint`;
  return (
    <div className={className}>
      <label htmlFor={selectId} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={selectId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, errorId, hint, error)}
        className={inputClasses}
        {...select}
      >
        {children}
      </select>
      <FieldText id={errorId} error={error} hint={hint} hintId={hintId} />
    </div>
  );
}

/** A checkbox with its label to the right. */
export function CheckboxField({ label, error, hint, className = '', id, ...input }: FieldChrome & Omit<ComponentPropsWithRef<'input'>, 'type'>) {
  const auto = useId();
  const inputId = id ?? auto;
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  return (
    <div className={className}>
      <div className="flex items-center gap-2">
        <input
          id={inputId}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hintId, errorId, hint, error)}
          className="h-4 w-4 rounded border-slate-300 text-brand-600 accent-brand-600"
          {...input}
        />
        <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
          {label}
        </label>
      </div>
      <FieldText id={errorId} error={error} hint={hint} hintId={hintId} />
    </div>
  );
}
