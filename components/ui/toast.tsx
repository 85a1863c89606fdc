'use client';

import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

type Toast = { id: number; tone: 'success' | 'error' | 'info'; message: string };
type Notify = (message: string, tone?: Toast['tone']) => void;

const ToastContext = createContext<Notify | null>(null);

const toneClasses: Record<Toast['tone'], string> = {
  success: 'border-green-300 bg-green-50 text-green-900',
  error: 'border-red-300 bg-red-50 text-red-900',
  info: 'border-slate-300 bg-white text-slate-900',
};
const toneLabel: Record<Toast['tone'], string> = { success: 'Done:', error: 'Error:', info: 'Note:' };

/** Short confirmations after an action ("User created"), read out by screen readers. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    setToasts((all) => all.filter((t) => t.id !== id));
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
  }, []);

  const notify = useCallback<Notify>(
    (message, tone = 'success') => {
      const id = next.current++;
      setToasts((all) => [...all.slice(-2), { id, tone, message }]);
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), tone === 'error' ? 10_000 : 5_000),
      );
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  return (
    <ToastContext.Provider value={notify}>
      {children}
      <div aria-live="polite" role="status" className="pointer-events-none fixed inset-x-3 bottom-3 z-50 flex flex-col items-end gap-2 sm:left-auto sm:right-4 sm:w-96">
        {toasts.map((t) => (
          <div key={t.id} className={`pointer-events-auto flex w-full items-start gap-3 rounded-lg border px-4 py-3 text-sm shadow-lg ${toneClasses[t.tone]}`}>
            <p className="min-w-0 flex-1 break-words">
              <span className="font-semibold">{toneLabel[t.tone]}</span> {t.message}
            </p>
            <button type="button" onClick={() => dismiss(t.id)} aria-label="Dismiss notification" className="rounded px-1.5 leading-none hover:bg-black/5">
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): Notify {
  const notify = useContext(ToastContext);
  if (!notify) throw new Error('useToast needs a <ToastProvider> above it');
  return notify;
}
