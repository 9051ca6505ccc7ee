import type { Language, UserRecord } from '../domain/users.js';

export interface Recipient {
  readonly username: string;
  readonly name: string;
  readonly email: string;
  readonly language: Language;
}

/** What recipients are looked up in: the read side's accounts. */
export interface RecipientLookup {
  /** A unit's active respondents. */
  respondentsOf(unitId: string): readonly UserRecord[];
  /** An account by username, disabled or not. */
  user(username: string): UserRecord | undefined;
}

/**
 * Who is written to about a task: the unit's active respondents, who answer for it; when it has
 * none, the task's enumerator (nobody when the task names none). Only people with an address,
 * and each in their own language (Vietnamese unless they chose English).
 */
export function recipientsOf(lookup: RecipientLookup, task: { readonly unitId: string; readonly enumerator: string }): Recipient[] {
  const respondents = lookup.respondentsOf(task.unitId).filter((user) => !user.disabled);
  const enumerator = task.enumerator ? lookup.user(task.enumerator) : undefined;
  const people = respondents.length > 0 ? respondents : enumerator && !enumerator.disabled ? [enumerator] : [];
  return people.flatMap((user) => (user.email ? [{ username: user.username, name: user.fullName ?? user.username, email: user.email, language: user.language ?? 'vi' }] : []));
}
