'use client';

import { useSyncExternalStore } from 'react';
import { formatDuration } from './format';

function subscribe(onChange: () => void) {
  const timer = setInterval(onChange, 1000);
  return () => clearInterval(timer);
}
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Time since `since`, ticking each second in the browser. */
export function Elapsed({ since }: { since: string }) {
  const now = useSyncExternalStore(subscribe, nowSeconds, () => null);
  if (now === null) return <span>running</span>;
  const seconds = Math.max(0, now - Math.floor(Date.parse(since) / 1000));
  return <span>{formatDuration(seconds)} so far</span>;
}
