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

/** A named device's refresh token (POST /api/auth/refresh renews the session with it). */
export interface Refresh {
  token: string;
  expiresAt: number;
}

interface Stored {
  session: Session;
  expiresAt: number;
  refresh?: Refresh;
}

/** Renewed this long before the access token runs out. */
const RENEW_AHEAD_MS = 60_000;
/** Tried again this long after a renewal that could not reach the server. */
const RENEW_RETRY_MS = 30_000;

/** The stored session while its access token, or else its device's refresh token, is good. */
function read(): Stored | null {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Stored> | null;
    if (!value || typeof value.expiresAt !== 'number' || !isSession(value.session)) return null;
    const now = Date.now();
    if (value.expiresAt > now) return value as Stored;
    return value.refresh && typeof value.refresh.token === 'string' && value.refresh.expiresAt > now ? (value as Stored) : null;
  } catch {
    return null;
  }
}

const initial = read();
/** `endedBy`: the refusal code that ended the last session on this device, for the login page to explain. */
export const auth = $state<{ session: Session | null; endedBy: string | null }>({ session: initial?.session ?? null, endedBy: null });

let expiry: ReturnType<typeof setTimeout> | undefined;

/**
 * Ends the session when its token does, or renews it a minute before on a named device; a
 * session longer than a timer can wait is checked again then.
 */
function endAt(expiresAt: number): void {
  clearTimeout(expiry);
  const renewable = read()?.refresh !== undefined;
  const at = renewable ? expiresAt - RENEW_AHEAD_MS : expiresAt;
  const wait = at - Date.now();
  expiry = setTimeout(() => {
    if (Date.now() < at) endAt(expiresAt);
    else if (renewable) void renew();
    else endHere();
  }, Math.max(0, Math.min(wait, LONGEST_TIMER_MS)));
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

/** Signs in for `lifetimeMs` (the server says how long its token lasts), on a named device with its refresh token. */
export function signIn(session: Session, lifetimeMs = DEFAULT_LIFETIME_MS, refresh?: Refresh): void {
  const expiresAt = Date.now() + lifetimeMs;
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ session, expiresAt, ...(refresh ? { refresh } : {}) } satisfies Stored));
  auth.session = session;
  auth.endedBy = null;
  endAt(expiresAt);
}

/** The session ended by the server (a 401, with its refusal code): the user logs in again and returns to the page. */
export function sessionExpired(code: string | null = null): void {
  localStorage.removeItem(STORAGE_KEY);
  endHere();
  auth.endedBy = code;
}

/** Whether this session is a named device's, which renews itself. */
export function hasRefresh(): boolean {
  return read()?.refresh !== undefined;
}

let renewing: Promise<boolean> | null = null;

/**
 * Renews a named device's session with its refresh token; true when the session goes on.
 * Tabs take turns (Web Locks) and look again once it is theirs: a tab that finds the session
 * renewed by another takes that one, for a refresh token is good for one renewal. Offline, the
 * session is kept and renewed later; refused, it ends with the reason.
 */
export function renew(): Promise<boolean> {
  const spent = auth.session?.token;
  renewing ??= inTurn(async () => {
    const stored = read();
    if (!stored?.refresh) return false;
    // Another tab renewed while this one waited its turn: its session is this one's too.
    if (stored.session.token !== spent && stored.expiresAt - Date.now() > RENEW_AHEAD_MS) {
      auth.session = stored.session;
      endAt(stored.expiresAt);
      return true;
    }
    let res: Response;
    try {
      res = await fetch('/api/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ refreshToken: stored.refresh.token }) });
    } catch {
      clearTimeout(expiry);
      expiry = setTimeout(() => void renew(), RENEW_RETRY_MS);
      return false;
    }
    const body: unknown = await res.json().catch(() => null);
    if (res.ok && isSession(body)) {
      const answer = body as Session & { expiresIn?: number; refreshToken?: string; refreshExpiresAt?: string };
      const refresh = answer.refreshToken && answer.refreshExpiresAt ? { token: answer.refreshToken, expiresAt: Date.parse(answer.refreshExpiresAt) } : undefined;
      signIn({ token: answer.token, user: answer.user }, (answer.expiresIn ?? 900) * 1000, refresh);
      return true;
    }
    if (res.status === 401) {
      sessionExpired(typeof body === 'object' && body !== null && 'code' in body && typeof body.code === 'string' ? body.code : null);
      return false;
    }
    // The server failed on its side: the session is kept, and renewed again later.
    clearTimeout(expiry);
    expiry = setTimeout(() => void renew(), RENEW_RETRY_MS);
    return false;
  }).finally(() => (renewing = null));
  return renewing;
}

/** Runs `task` while no other tab of the browser runs one of these (where the browser has Web Locks). */
function inTurn<T>(task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? (locks.request('survey-ops.renew', task) as Promise<T>) : task();
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
