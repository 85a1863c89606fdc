import type { ReactNode } from 'react';

export type AlertTone = 'error' | 'success' | 'info' | 'warning';

const tones: Record<AlertTone, { box: string; label: string }> = {
  error: { box: 'border-red-300 bg-red-50 text-red-900', label: 'Error' },
  success: { box: 'border-green-300 bg-green-50 text-green-900', label: 'Done' },
  info: { box: 'border-sky-300 bg-sky-50 text-sky-900', label: 'Note' },
  warning: { box: 'border-amber-300 bg-amber-50 text-amber-900', label: 'Warning' },
};

/** A message box; errors are announced at once, other tones politely. */
export function Alert({
  tone = 'info',
  title,
  children,
  onDismiss,
  className = '',
}: {
  tone?: AlertTone;
  title?: string;
  children?: ReactNode;
  onDismiss?: () => void;
  className?: string;
}) {
  const t = tones[tone];
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`flex items-start gap-3 rounded-lg border px-4 py-3 text-sm ${t.box} ${className}`}>
      <div className="min-w-0 flex-1 break-words">
        <p className="font-semibold">{title ?? t.label}</p>
        {children && <div className="mt-1">{children}</div>}
      </div>
      {onDismiss && (
        <button type="button" onClick={onDismiss} className="rounded px-1.5 text-base leading-none hover:bg-black/5" aria-label="Dismiss message">
          ×
        </button>
      )}
    </div>
  );
}
