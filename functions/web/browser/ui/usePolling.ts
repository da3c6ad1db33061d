/**
 * Polls while the tab is visible: the queue and the open case look again every `everyMs`, and at
 * once when the person comes back to the tab. Hidden tabs cost nothing. A push channel would need
 * a WebSocket API and connection bookkeeping in AWS; a GET every 20–30 s per open console is a
 * few Lambda and DynamoDB reads a minute.
 */
import { useEffect, useRef } from 'preact/hooks';

export function usePolling(callback: () => void, everyMs: number, active = true): void {
  const saved = useRef(callback);
  saved.current = callback;
  useEffect(() => {
    if (!active) return;
    const tick = () => {
      if (document.visibilityState === 'visible') saved.current();
    };
    const timer = window.setInterval(tick, everyMs);
    const onVisible = () => tick();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [everyMs, active]);
}
