export type Route =
  | { name: 'login' }
  | { name: 'cycles' }
  | { name: 'cycle'; id: string }
  | { name: 'notFound' };

function parse(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/cycles';
  if (path === '/login') return { name: 'login' };
  if (path === '/cycles' || path === '/') return { name: 'cycles' };
  const match = /^\/cycles\/([^/]+)$/.exec(path);
  if (match?.[1]) {
    try {
      return { name: 'cycle', id: decodeURIComponent(match[1]) };
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

export function cycleHref(id: string): string {
  return `#/cycles/${encodeURIComponent(id)}`;
}
