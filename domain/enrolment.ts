import { createHmac, randomInt } from 'node:crypto';

/**
 * Enrolment codes: how a unit's respondent gets an account without anyone making it by hand.
 *
 * A manager (or a supervisor, in their areas) asks for codes for units; each goes out printed
 * in a letter. Whoever holds the letter enrols with the code: a respondent account bound to
 * that unit. The log keeps only each code's MAC under a key derived from the server's secret
 * (a plain hash of 60 bits could be searched offline), so neither the store nor a backup can
 * give a code away. A code works once (its use is the first event of a stream of its own,
 * appended only where the stream is empty), until it expires, and only while it is the
 * newest code of its unit: a letter sent again makes the lost one worthless.
 */

/** Letters that cannot be mistaken for one another when typed from paper (Crockford's base 32). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 3;
const GROUP_LENGTH = 4;
/** 12 characters of 32: 60 bits, far beyond what a rate-limited door lets anyone try. */
export const CODE_PATTERN = /^[0-9A-Za-z -]{12,40}$/;

export const DEFAULT_CODE_DAYS = 90;
export const MAX_CODE_DAYS = 366;
/** Units in one request for codes: a province's enterprises at most; more go in several requests. */
export const MAX_CODES_PER_REQUEST = 50_000;
/** Codes per event of a batch, to keep each event a size the log and its readers handle well. */
export const CODES_PER_EVENT = 1_000;

/** A new code, grouped for reading off a letter: `7KQ2-M9XD-4TRV`. */
export function newCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** A code as typed: any case, with or without dashes and spaces; O read as 0, I and L as 1. */
export function normaliseCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** The codes' own key, so that no code's MAC is one the sessions' or the receipts' keys make. */
export function enrolmentKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('survey-ops enrolment codes v1').digest();
}

/** What the log keeps of a code. */
export function codeHash(key: Buffer, typed: string): string {
  return createHmac('sha256', key).update(normaliseCode(typed)).digest('base64url');
}

export type EnrolmentCodesIssued = {
  type: 'EnrolmentCodesIssued';
  data: { batchId: string; by: string; expiresAt: string; codes: { unitId: string; hash: string }[] };
};
/** The first event of a code's own stream: appended only where that stream is empty (or released), so a code works once. */
export type EnrolmentCodeUsed = { type: 'EnrolmentCodeUsed'; data: { unitId: string; userId: string } };
/** The account could not be made after all (its username was taken meanwhile): the code works again. */
export type EnrolmentCodeReleased = { type: 'EnrolmentCodeReleased'; data: { userId: string; reason: string } };
export type EnrolmentEvent = EnrolmentCodesIssued | EnrolmentCodeUsed | EnrolmentCodeReleased;

export const enrolmentStreams = {
  batch: (batchId: string) => `enrolment-${batchId}`,
  code: (hash: string) => `enrolcode-${hash}`,
} as const;

/** Whether the events of a code's stream leave it free to use: none, or released after its last use. */
export function codeFree(events: readonly { type: string }[]): boolean {
  const last = events[events.length - 1];
  return last === undefined || last.type === 'EnrolmentCodeReleased';
}
