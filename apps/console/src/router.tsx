import type { ComponentChildren, JSX } from 'preact';
import { createStore, useStore } from './store';

export const BASE = '/console';

function current(): string {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '/';
  return (path || '/') + location.search;
}

/** The console's path below /console, with its query: `/security-groups/sg-1?tab=rules`. */
export const route = createStore(current());
addEventListener('popstate', () => route.set(current()));

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = BASE + to;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  route.set(current());
}

export function useRoute(): { path: string; query: URLSearchParams } {
  const full = useStore(route);
  const [path, search = ''] = full.split('?');
  return { path, query: new URLSearchParams(search) };
}

/** An in-app link: a real href (open in a new tab works) that navigates without reloading. */
export function Link(props: { href: string; children: ComponentChildren; class?: string; title?: string; 'aria-current'?: 'page' | 'true'; 'aria-label'?: string }): JSX.Element {
  const { href, children, ...rest } = props;
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a {...rest} href={BASE + href} onClick={onClick}>
      {children}
    </a>
  );
}
