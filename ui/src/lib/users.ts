import { t, type MessageKey } from '../i18n/index.svelte';
import type { paths } from './api-schema';
import { client, ok, type FieldProblem } from './api';
import { fieldMessage } from './errors';
import { pathSegments } from './survey-draft';
import type { Account, Answer, Area, Body, Page } from './types';

/** The code of the whole country: an account holding it works everywhere. */
export const COUNTRY = 'VN';

// The server's rules, mirrored so a form can say what is wrong before sending.
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;
export const PASSWORD_MIN = 8;
const PASSWORD_MAX = 200;
export const FULL_NAME_MAX = 120;
export const EMAIL_MAX = 254;
// Simpler than the server's rule: it catches slips (no @, no domain), and the server has the last word.
const EMAIL = /^[^\s@]+@([^\s@.]+\.)+[A-Za-z]{2,}$/;

/** The languages a person's messages (invitations, reminders, receipts) may be written in; Vietnamese when not chosen. */
export type Language = NonNullable<Account['language']>;
export const LANGUAGES: readonly Language[] = ['vi', 'en'];

/** A language named in itself, as the language switch names it: the person who reads the messages reads that. */
export function languageName(language: Language | undefined): string {
  return t(language === 'en' ? 'lang.en' : 'lang.vi');
}

/** Filters of `GET /api/users`, named as the API names them. */
export type UserFilter = Pick<NonNullable<paths['/api/users']['get']['parameters']['query']>, 'role' | 'areaCode'>;

export type NewAccount = Body<'/api/users', 'post'>;

/** What `PATCH /api/users/{id}` may change; what is left out stays as it is. */
export type AccountChange = Body<'/api/users/{id}', 'patch'>;

export function listUsers(filter: UserFilter, options: { cursor?: string; limit?: number } = {}): Promise<Page<Account>> {
  return ok(client.GET('/api/users', { params: { query: { ...filter, ...options } } }));
}

export function getUser(id: string): Promise<Account> {
  return ok(client.GET('/api/users/{id}', { params: { path: { id } } }));
}

/** Creates an account: a 409 means the username is taken; a 400 names each problem by path (`body.areaCodes`). */
export function createUser(account: NewAccount): Promise<Account> {
  return ok(client.POST('/api/users', { body: account }));
}

/** A user's named devices and their sessions (`GET /api/users/{id}/devices`). */
export type Device = Answer<'/api/users/{id}/devices', 'get'>['items'][number];

export async function listDevices(id: string): Promise<Device[]> {
  return (await ok(client.GET('/api/users/{id}/devices', { params: { path: { id } } }))).items;
}

/** Ends a device's session: its refresh token no longer renews. */
export function endDeviceSession(id: string, deviceId: string): Promise<Device> {
  return ok(client.DELETE('/api/users/{id}/devices/{deviceId}', { params: { path: { id, deviceId } } }));
}

export function changeUser(id: string, change: AccountChange): Promise<Account> {
  return ok(client.PATCH('/api/users/{id}', { params: { path: { id } }, body: change }));
}

/** One area with its name, as `GET /api/areas/{code}` gives it. */
export function getArea(code: string): Promise<Area> {
  return ok(client.GET('/api/areas/{code}', { params: { path: { code } } }));
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

/** A full name as typed: blank, over the limit or on more than one line is refused. */
export function fullNameProblem(fullName: string): MessageKey | null {
  const trimmed = fullName.trim();
  return trimmed.length >= 1 && trimmed.length <= FULL_NAME_MAX && !/\p{Cc}/u.test(trimmed) ? null : 'userForm.error.fullName';
}

/** An email address as typed, trimmed: something@domain.tld, at most 254 characters. */
export function emailProblem(email: string): MessageKey | null {
  const trimmed = email.trim();
  return trimmed.length <= EMAIL_MAX && EMAIL.test(trimmed) ? null : 'userForm.error.email';
}

export function passwordProblem(password: string): MessageKey | null {
  return password.length >= PASSWORD_MIN && password.length <= PASSWORD_MAX ? null : 'userForm.error.password';
}

/** Staff other than auditors work inside their areas, so need at least one; a respondent has units instead. */
export function areasProblem(role: string, areaCodes: readonly string[]): MessageKey | null {
  return role !== 'auditor' && role !== 'respondent' && areaCodes.length === 0 ? 'userForm.error.areas' : null;
}

/** The most units one respondent answers for, as the server allows. */
export const MAX_UNITS = 100;
const UNIT_ID = /^\S{1,64}$/;

/** A respondent answers for at least one unit, each a frame id. */
export function unitsProblem(unitIds: readonly string[]): MessageKey | null {
  if (unitIds.length === 0) return 'userForm.error.units';
  return unitIds.length <= MAX_UNITS && unitIds.every((id) => UNIT_ID.test(id)) ? null : 'userForm.error.unitIds';
}

/** What a role's account is bound to: a respondent's units, or staff's areas (the other list left empty). */
export function bindingOf(role: string, areaCodes: string[], unitIds: string[]): { areaCodes: string[]; unitIds?: string[] } {
  return role === 'respondent' ? { areaCodes: [], unitIds } : { areaCodes };
}

/** A respondent's units as read: ids, comma-separated. */
export function unitList(unitIds: readonly string[] | undefined): string {
  return unitIds && unitIds.length > 0 ? unitIds.join(', ') : t('users.noUnits');
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
    const words = fieldMessage(problem);
    if (input) found[input] = found[input] ? `${found[input]}; ${words}` : words;
    else unplaced = true;
  }
  return { found, unplaced };
}
