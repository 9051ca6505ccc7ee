/** Filters and other options carried after `?` in the hash, so a reload keeps them. */
export type Query = Record<string, string>;

export type Route =
  | { name: 'login' }
  | { name: 'home' }
  | { name: 'cycles' }
  | { name: 'cycle'; id: string }
  | { name: 'myTasks' }
  | { name: 'task'; id: string }
  | { name: 'supervise'; query: Query }
  | { name: 'review'; id: string }
  | { name: 'notFound' };

export type RouteName = Route['name'];

/** `/path` → route without an id; `/path/:id` → route with one. Add a page here and in App.svelte. */
const PLAIN: Record<string, Route> = {
  '/': { name: 'home' },
  '/login': { name: 'login' },
  '/cycles': { name: 'cycles' },
  '/tasks': { name: 'myTasks' },
};
const WITH_ID: Record<string, 'cycle' | 'task' | 'review'> = {
  cycles: 'cycle',
  tasks: 'task',
  supervise: 'review',
};

function parseQuery(search: string): Query {
  const query: Query = {};
  for (const [key, value] of new URLSearchParams(search)) if (value !== '') query[key] = value;
  return query;
}

export function parse(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const at = raw.indexOf('?');
  const path = at < 0 ? raw : raw.slice(0, at);
  const search = at < 0 ? '' : raw.slice(at + 1);
  const plain = PLAIN[path];
  if (plain) return plain;
  if (path === '/supervise') return { name: 'supervise', query: parseQuery(search) };
  const match = /^\/([a-z-]+)\/([^/]+)$/.exec(path);
  const name = match?.[1] ? WITH_ID[match[1]] : undefined;
  if (match?.[2] && name) {
    try {
      return { name, id: decodeURIComponent(match[2]) };
    } catch {
      return { name: 'notFound' };
    }
  }
  return { name: 'notFound' };
}

export const router = $state<{ route: Route }>({ route: parse(location.hash) });

window.addEventListener('hashchange', () => {
  router.route = parse(location.hash);
});

export function navigate(path: string): void {
  if (location.hash !== `#${path}`) location.hash = path;
}

/** Changes the address without a history entry (a default filled in, not a step the user took). */
export function replace(path: string): void {
  history.replaceState(history.state, '', `#${path}`);
  router.route = parse(location.hash);
}

/** A path with a query, leaving out empty values: `withQuery('/supervise', { status: 'rejected' })`. */
export function withQuery(path: string, query: Query): string {
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '')).toString();
  return search ? `${path}?${search}` : path;
}

export function cycleHref(id: string): string {
  return `#/cycles/${encodeURIComponent(id)}`;
}

export function taskHref(id: string): string {
  return `#/tasks/${encodeURIComponent(id)}`;
}

export function reviewHref(id: string): string {
  return `#/supervise/${encodeURIComponent(id)}`;
}

/** The supervisor's last list address, so "back" from a review returns to the same filters. */
export const remembered = $state<{ supervise: string }>({ supervise: '/supervise' });
