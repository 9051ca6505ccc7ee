import { t, type MessageKey } from '../i18n/index.svelte';
import { api, type FieldProblem } from './api';
import { withQuery, type Query } from './router.svelte';
import { pathSegments } from './survey-draft';
import type { Account, Area, Page, Role } from './types';

const enc = encodeURIComponent;

/** The code of the whole country: an account holding it works everywhere. */
export const COUNTRY = 'VN';

// The server's rules, mirrored so a form can say what is wrong before sending.
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;
export const PASSWORD_MIN = 8;
const PASSWORD_MAX = 200;

/** Filters of `GET /api/users`, named as the API names them. */
export interface UserFilter {
  role?: string;
  areaCode?: string;
}

export interface NewAccount {
  username: string;
  password: string;
  role: Role;
  areaCodes: string[];
}

/** What `PATCH /api/users/:id` may change; what is left out stays as it is. */
export interface AccountChange {
  role?: Role;
  areaCodes?: string[];
  disabled?: boolean;
  password?: string;
}

export function listUsers(filter: UserFilter, options: { cursor?: string; limit?: number } = {}): Promise<Page<Account>> {
  const query: Query = { ...filter };
  if (options.cursor) query.cursor = options.cursor;
  if (options.limit) query.limit = String(options.limit);
  return api.get<Page<Account>>(withQuery('/api/users', query));
}

export function getUser(id: string): Promise<Account> {
  return api.get<Account>(`/api/users/${enc(id)}`);
}

/** Creates an account: a 409 means the username is taken; a 400 names each problem by path (`body.areaCodes`). */
export function createUser(account: NewAccount): Promise<Account> {
  return api.post<Account>('/api/users', account);
}

export function changeUser(id: string, change: AccountChange): Promise<Account> {
  return api.patch<Account>(`/api/users/${enc(id)}`, change);
}

/** One area with its name, as `GET /api/areas/:code` gives it. */
export function getArea(code: string): Promise<Area> {
  return api.get<Area>(`/api/areas/${enc(code)}`);
}

/** How an area field shows a list of codes: the whole country, or the areas picked. */
export type AreaScope = 'country' | 'areas';

export function scopeOf(areaCodes: readonly string[]): { scope: AreaScope; picked: string[] } {
  return areaCodes.includes(COUNTRY) ? { scope: 'country', picked: [] } : { scope: 'areas', picked: [...areaCodes] };
}

export function areaCodesOf(scope: AreaScope, picked: readonly string[]): string[] {
  return scope === 'country' ? [COUNTRY] : [...picked];
}

/** An account's areas as read: names where known (`Thành phố Hà Nội (01)`), else codes. */
export function areaList(areaCodes: readonly string[], names: Record<string, string>): string {
  if (areaCodes.length === 0) return t('users.noAreas');
  return areaCodes.map((code) => (code === COUNTRY ? t('users.country') : names[code] ? `${names[code]} (${code})` : code)).join(', ');
}

export function usernameProblem(username: string): MessageKey | null {
  return USERNAME.test(username) ? null : 'userForm.error.username';
}

export function passwordProblem(password: string): MessageKey | null {
  return password.length >= PASSWORD_MIN && password.length <= PASSWORD_MAX ? null : 'userForm.error.password';
}

/** Everyone but an auditor works inside their areas, so needs at least one. */
export function areasProblem(role: string, areaCodes: readonly string[]): MessageKey | null {
  return role !== 'auditor' && areaCodes.length === 0 ? 'userForm.error.areas' : null;
}

/**
 * The server's field problems by the input that shows them (`body.areaCodes.0` → `areas`
 * when `inputs` maps `areaCodes` to it), and whether some named no input.
 */
export function problemsByInput<K extends string>(errors: readonly FieldProblem[], inputs: Record<string, K>): { found: Partial<Record<K, string>>; unplaced: boolean } {
  const found: Partial<Record<K, string>> = {};
  let unplaced = false;
  for (const problem of errors) {
    const input = inputs[pathSegments(problem.path)[0] ?? ''];
    if (input) found[input] = found[input] ? `${found[input]} ${problem.message}` : problem.message;
    else unplaced = true;
  }
  return { found, unplaced };
}
