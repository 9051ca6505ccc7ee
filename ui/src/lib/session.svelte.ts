import { navigate } from './router.svelte';
import { isSession, type Session } from './types';

const STORAGE_KEY = 'survey-ops.session';

function stored(): Session | null {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    return isSession(value) ? value : null;
  } catch {
    return null;
  }
}

export const auth = $state<{ session: Session | null }>({ session: stored() });

export function signIn(session: Session): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  auth.session = session;
}

export function signOut(): void {
  sessionStorage.removeItem(STORAGE_KEY);
  auth.session = null;
  navigate('/login');
}
