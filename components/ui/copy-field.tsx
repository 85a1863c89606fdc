'use client';

import { useId, useRef, useState } from 'react';
import { Button } from './button';

/** A read-only value with a copy button, for secrets shown once. */
export function CopyField({ label, value, autoFocus = false }: { label: string; value: string; autoFocus?: boolean }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      // No clipboard API (plain HTTP): select the text so that Ctrl+C works.
      input.current?.select();
      setState('failed');
    }
  };

  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          ref={input}
          id={id}
          readOnly
          autoFocus={autoFocus}
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full min-w-0 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900"
        />
        <Button variant="secondary" onClick={copy}>
          {state === 'copied' ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p aria-live="polite" className="mt-1 min-h-4 text-xs text-slate-600">
        {state === 'copied' && 'Copied to the clipboard.'}
        {state === 'failed' && 'Copying is not available here; the key is selected, press Ctrl+C (⌘C) to copy it.'}
      </p>
    </div>
  );
}
