/**
 * Where the console is: everything lives under `/staff`, and the query says what is open, so every
 * state is a link that survives a reload and can be sent by email:
 *   /staff                     the person's home
 *   /staff?case=ID             a case (the link in staff emails)
 *   /staff?view=queue&status=… the queue with its filters
 *   /staff?view=<page id>      any page of the registry (./pages.ts)
 */
import { signal } from './state';

export const CONSOLE_PATH = '/staff';

export const location = signal<URLSearchParams>(new URLSearchParams(window.location.search));

export function href(params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${CONSOLE_PATH}?${text}` : CONSOLE_PATH;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.origin);
  if (options.replace) window.history.replaceState(null, '', url.pathname + url.search);
  else window.history.pushState(null, '', url.pathname + url.search);
  location.set(new URLSearchParams(url.search));
}

window.addEventListener('popstate', () => location.set(new URLSearchParams(window.location.search)));

/** Same-origin links inside the console navigate without a page load (modifier keys keep the browser's behaviour). */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname !== CONSOLE_PATH) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
}
