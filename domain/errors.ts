/** One error type for every layer; the API maps each code to one HTTP status. */
export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'illegal_state'
  | 'concurrency'
  | 'too_large'
  | 'unavailable';

/** What a refusal's words are made of, by name: `{ status: 'closed' }`. */
export type ProblemParams = Readonly<Record<string, string | number>>;

/** A refusal by its stable code (see problems.ts), for the UI to word in the user's language. */
export interface Named {
  readonly code: string;
  readonly params: ProblemParams;
}

export interface FieldError {
  readonly path: string;
  readonly message: string;
  /** What is wrong with the field, by a stable code (`too_small`, `required`…), when known. */
  readonly code?: string;
  readonly params?: ProblemParams;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: readonly FieldError[] = [],
    /** The refusal by its stable code; without one, the API names it by `code` alone. */
    readonly named?: Named,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const illegalState = (message: string) => new DomainError('illegal_state', message);
export const validation = (message: string, errors: readonly FieldError[] = []) =>
  new DomainError('validation', message, errors);
export const notFound = (message: string) => new DomainError('not_found', message);
