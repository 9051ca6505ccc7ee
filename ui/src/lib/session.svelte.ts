import { navigate } from './router.svelte';
import { isSession, type Session } from './types';

/**
 * The session is shared by every tab of the browser (`localStorage`), so a link opened in a new
 * tab opens where it points. It ends at the token's expiry, and logging out in one tab logs out
 * every tab: the others hear of it through the `storage` event.
 */
const STORAGE_KEY = 'survey-ops.session';
/** The server's token lifetime, for a session signed in without one (the tests' sessions). */
const DEFAULT_LIFETIME_MS = 12 * 3600 * 1000;
/** `setTimeout` takes at most this many milliseconds (about 24.8 days). */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

interface Stored {
  session: Session;
  expiresAt: number;
}

function read(): Stored | null {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Stored> | null;
    if (!value || typeof value.expiresAt !== 'number' || !isSession(value.session)) return null;
    return value.expiresAt > Date.now() ? (value as Stored) : null;
  } catch {
    return null;
  }
}

const initial = read();
export const auth = $state<{ session: Session | null }>({ session: initial?.session ?? null });

let expiry: ReturnType<typeof setTimeout> | undefined;

/** Ends the session when its token does; a session longer than a timer can wait is checked again then. */
function endAt(expiresAt: number): void {
  clearTimeout(expiry);
  const wait = expiresAt - Date.now();
  expiry = setTimeout(() => (Date.now() >= expiresAt ? endHere() : endAt(expiresAt)), Math.max(0, Math.min(wait, LONGEST_TIMER_MS)));
}
if (initial) endAt(initial.expiresAt);

/**
 * The session is over here (expired, refused by the server, or ended in another tab). The page
 * the user was on stays in the address, so the login page brings them back to it.
 */
function endHere(): void {
  clearTimeout(expiry);
  if (read() === null) localStorage.removeItem(STORAGE_KEY);
  auth.session = null;
}

/** Signs in for `lifetimeMs` (the server says how long its token lasts). */
export function signIn(session: Session, lifetimeMs = DEFAULT_LIFETIME_MS): void {
  const expiresAt = Date.now() + lifetimeMs;
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ session, expiresAt } satisfies Stored));
  auth.session = session;
  endAt(expiresAt);
}

/** The session ended by the server (a 401): the user logs in again and returns to the page. */
export function sessionExpired(): void {
  localStorage.removeItem(STORAGE_KEY);
  endHere();
}

/** Logs out of every tab, to the login page. */
export function signOut(): void {
  localStorage.removeItem(STORAGE_KEY);
  endHere();
  navigate('/login');
}

window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY && event.key !== null) return;
  const stored = read();
  if (!stored) {
    if (auth.session) endHere();
    return;
  }
  if (stored.session.token !== auth.session?.token) {
    auth.session = stored.session;
    endAt(stored.expiresAt);
  }
});
