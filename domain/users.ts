import { z } from 'zod';
import { USERNAME_MAX, USERNAME_PATTERN } from './ids.js';
import type { FieldError } from './errors.js';

export const ROLES = ['manager', 'supervisor', 'enumerator', 'auditor', 'respondent'] as const;
export type Role = (typeof ROLES)[number];
/** The office's own people: every role but the respondents, who answer for their units from outside. */
export const STAFF_ROLES = ['manager', 'supervisor', 'enumerator', 'auditor'] as const satisfies readonly Role[];
/** How many units one respondent may answer for (an accountant keeping several enterprises' books). */
export const MAX_UNITS_PER_RESPONDENT = 100;

export interface UserRecord {
  readonly id: string;
  readonly username: string;
  /** The person's name as they write it (`Nguyễn Thị Lan`); accounts made before names were kept have none. */
  readonly fullName?: string;
  readonly role: Role;
  readonly areaCodes: readonly string[];
  readonly disabled: boolean;
  /** Where messages go (invitations, reminders, receipts); accounts made before addresses were kept have none. */
  readonly email?: string;
  /** The language of the messages the person is sent; Vietnamese when not chosen. */
  readonly language?: Language;
  /** The units a respondent answers for; absent for staff. */
  readonly unitIds?: readonly string[];
}

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const EMAIL_MAX = 254;
/** An address as a mail server takes it, at most 254 characters. */
export const emailSchema = z.email({ message: 'must be an email address such as lan@example.vn' }).max(EMAIL_MAX, `must have at most ${EMAIL_MAX} characters`);

export const usernameSchema = z.string().regex(USERNAME_PATTERN, `must be 2 to ${USERNAME_MAX} lower-case letters, digits, . _ or -`);

export const FULL_NAME_MAX = 120;
/** A name on one line, trimmed: what lists and headers show beside the username. */
export const fullNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(FULL_NAME_MAX, `must have at most ${FULL_NAME_MAX} characters`)
  // A refinement rather than a pattern: `\p{…}` is not a pattern every OpenAPI client can read.
  .refine((name) => !/\p{Cc}/u.test(name), 'must be one line without control characters');

export type UserCreated = {
  type: 'UserCreated';
  data: {
    id: string;
    username: string;
    fullName?: string;
    email?: string;
    language?: Language;
    role: Role;
    areaCodes: string[];
    /** A respondent's units. */
    unitIds?: string[];
    /** The hash of the enrolment code a respondent enrolled with, when it enrolled itself. */
    enrolledWith?: string;
    passwordHash: string;
  };
};
export type UserChanged = {
  type: 'UserChanged';
  /** `email: null`: the address was removed. */
  data: { fullName?: string; email?: string | null; language?: Language; role?: Role; areaCodes?: string[]; unitIds?: string[]; disabled?: boolean; passwordHash?: string };
};
/** A manager ended the session of one of the user's devices (its refresh token no longer renews). */
export type DeviceRevoked = {
  type: 'DeviceRevoked';
  data: { deviceId: string; name: string; by: string };
};
export type UserEvent = UserCreated | UserChanged | DeviceRevoked;

/** An account as its stream tells it; changes are decided against this, not a read model that may lag. */
export interface UserState extends UserRecord {
  readonly passwordHash: string;
}

export function evolveUser(state: UserState | null, event: UserEvent): UserState | null {
  switch (event.type) {
    case 'UserCreated': {
      const { enrolledWith: _code, ...account } = event.data;
      return { ...account, disabled: false };
    }
    case 'UserChanged': {
      if (!state) return state;
      const { email, ...rest } = event.data;
      if (email === null) {
        const { email: _removed, ...kept } = state;
        return { ...kept, ...rest };
      }
      return { ...state, ...rest, ...(email === undefined ? {} : { email }) };
    }
    case 'DeviceRevoked':
      return state;
  }
}

/**
 * Field errors of a role, its areas and units; `isArea` says whether a code is in the
 * geography, `isUnit` whether an id is in the frame.
 */
export function accountProblems(
  account: { role: Role; areaCodes: readonly string[]; unitIds?: readonly string[] },
  isArea: (code: string) => boolean,
  isUnit: (id: string) => boolean = () => true,
): FieldError[] {
  const unitIds = account.unitIds ?? [];
  // A respondent answers for units, wherever they are; staff work in areas and answer for no unit.
  if (account.role === 'respondent') {
    if (account.areaCodes.length > 0) return [{ path: 'areaCodes', message: 'a respondent has units, not areas: leave it empty', code: 'respondent_areas', params: {} }];
    if (unitIds.length === 0) return [{ path: 'unitIds', message: 'a respondent needs at least one unit it answers for', code: 'needs_unit', params: {} }];
    const unknownUnits = unitIds.filter((id) => !isUnit(id));
    if (unknownUnits.length > 0) return [{ path: 'unitIds', message: `unknown units: ${unknownUnits.slice(0, 10).join(', ')}`, code: 'unknown_units', params: { ids: unknownUnits.slice(0, 10).join(', ') } }];
    return [];
  }
  if (unitIds.length > 0) return [{ path: 'unitIds', message: `a ${account.role} answers for no unit: only respondents have units`, code: 'staff_units', params: { role: account.role } }];
  const unknown = account.areaCodes.filter((code) => !isArea(code));
  if (unknown.length > 0) return [{ path: 'areaCodes', message: `unknown area codes: ${unknown.slice(0, 10).join(', ')}`, code: 'unknown_areas', params: { codes: unknown.slice(0, 10).join(', ') } }];
  // Everyone but an auditor works inside their areas: without one they would see nothing.
  if (account.role !== 'auditor' && account.areaCodes.length === 0) {
    return [{ path: 'areaCodes', message: `a ${account.role} needs at least one area code (VN for the whole country)`, code: 'needs_area', params: { role: account.role } }];
  }
  return [];
}
