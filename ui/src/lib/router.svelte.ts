/** Filters and other options carried after `?` in the hash, so a reload keeps them. */
export type Query = Record<string, string>;

export type Route =
  | { name: 'login' }
  | { name: 'enrol' }
  | { name: 'home' }
  | { name: 'cycles' }
  | { name: 'cycle'; id: string; query: Query }
  | { name: 'launch'; query: Query }
  | { name: 'results'; id: string }
  | { name: 'myTasks' }
  | { name: 'reports' }
  | { name: 'outbox' }
  | { name: 'task'; id: string }
  | { name: 'supervise'; query: Query }
  | { name: 'review'; id: string }
  | { name: 'surveys' }
  | { name: 'surveyNew' }
  | { name: 'survey'; id: string }
  | { name: 'frame'; query: Query }
  | { name: 'frameImport' }
  | { name: 'audit'; query: Query }
  | { name: 'stream'; id: string }
  | { name: 'integrity'; query: Query }
  | { name: 'reporting'; query: Query }
  | { name: 'users'; query: Query }
  | { name: 'user'; id: string }
  | { name: 'receipt'; id: string }
  | { name: 'notFound' };

export type RouteName = Route['name'];

/** `/path` → route without an id; `/path/:id` → route with one. Add a page here and in App.svelte. */
const PLAIN: Record<string, Route> = {
  '/': { name: 'home' },
  '/login': { name: 'login' },
  '/enrol': { name: 'enrol' },
  '/cycles': { name: 'cycles' },
  '/tasks': { name: 'myTasks' },
  // A respondent's reports; `/reporting` is the managers' rates.
  '/reports': { name: 'reports' },
  '/outbox': { name: 'outbox' },
  '/surveys': { name: 'surveys' },
  // Survey codes are capitals, so `new` cannot be one.
  '/surveys/new': { name: 'surveyNew' },
  '/frame/import': { name: 'frameImport' },
  '/receipts': { name: 'receipt', id: '' },
};
/** Pages whose filters live in the query. */
const WITH_QUERY: Record<string, 'supervise' | 'launch' | 'audit' | 'integrity' | 'users' | 'frame' | 'reporting'> = {
  '/supervise': 'supervise',
  '/frame': 'frame',
  // Cycle ids start with a survey code in capitals, so `new` cannot be one.
  '/cycles/new': 'launch',
  '/audit': 'audit',
  '/integrity': 'integrity',
  '/users': 'users',
  '/reporting': 'reporting',
};
const WITH_ID: Record<string, 'task' | 'review' | 'survey' | 'stream' | 'user' | 'receipt'> = {
  tasks: 'task',
  supervise: 'review',
  surveys: 'survey',
  streams: 'stream',
  // A username may be any lower-case word, `new` included: accounts are created on the list page, not at `/users/new`.
  users: 'user',
  // Open to anyone holding a receipt, signed in or not.
  receipts: 'receipt',
};

/** Pages anyone may open without logging in. */
export const PUBLIC_ROUTES: readonly RouteName[] = ['receipt', 'enrol'];

function parseQuery(search: string): Query {
  const query: Query = {};
  for (const [key, value] of new URLSearchParams(search)) if (value !== '') query[key] = value;
  return query;
}

function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parse(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const at = raw.indexOf('?');
  const path = at < 0 ? raw : raw.slice(0, at);
  const search = at < 0 ? '' : raw.slice(at + 1);
  const plain = PLAIN[path];
  if (plain) return plain;
  const withQuery = WITH_QUERY[path];
  if (withQuery) return { name: withQuery, query: parseQuery(search) };
  // A cycle's dashboard keeps its drill-down in the query; its results sit below it.
  const cycle = /^\/cycles\/([^/]+)(\/results)?$/.exec(path);
  if (cycle?.[1]) {
    const id = decoded(cycle[1]);
    if (id === null) return { name: 'notFound' };
    return cycle[2] ? { name: 'results', id } : { name: 'cycle', id, query: parseQuery(search) };
  }
  const match = /^\/([a-z-]+)\/([^/]+)$/.exec(path);
  const name = match?.[1] ? WITH_ID[match[1]] : undefined;
  if (match?.[2] && name) {
    const id = decoded(match[2]);
    return id === null ? { name: 'notFound' } : { name, id };
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

export function receiptHref(id: string): string {
  return `#/receipts/${encodeURIComponent(id)}`;
}

export function taskHref(id: string): string {
  return `#/tasks/${encodeURIComponent(id)}`;
}

export function reviewHref(id: string): string {
  return `#/supervise/${encodeURIComponent(id)}`;
}

export function resultsHref(cycleId: string): string {
  return `#/cycles/${encodeURIComponent(cycleId)}/results`;
}

export function surveyHref(id: string): string {
  return `#/surveys/${encodeURIComponent(id)}`;
}

/** An event stream's history, e.g. `streamHref('task-' + taskId)`. */
export function streamHref(stream: string): string {
  return `#/streams/${encodeURIComponent(stream)}`;
}

export function userHref(id: string): string {
  return `#/users/${encodeURIComponent(id)}`;
}

/** The last list addresses, so "back" from a review or an account returns to the same filters. */
export const remembered = $state<{ supervise: string; users: string }>({ supervise: '/supervise', users: '/users' });

/** The login page, asked to return to `path` (the page a link or an ended session left the user on). */
export function loginPath(path: string): string {
  return path === '/' || path.startsWith('/login') ? '/login' : withQuery('/login', { next: path });
}

/** Where the login page should go once signed in: the page asked for, if it is one of the app's. */
export function pathAfterLogin(): string | null {
  const raw = location.hash.replace(/^#/, '');
  const at = raw.indexOf('?');
  const next = at < 0 ? null : new URLSearchParams(raw.slice(at + 1)).get('next');
  if (!next?.startsWith('/') || next.startsWith('//')) return null;
  const route = parse(`#${next}`);
  return route.name === 'notFound' || route.name === 'login' ? null : next;
}
