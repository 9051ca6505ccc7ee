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

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const illegalState = (message: string) => new DomainError('illegal_state', message);
export const validation = (message: string, errors: readonly FieldError[] = []) =>
  new DomainError('validation', message, errors);
export const notFound = (message: string) => new DomainError('not_found', message);
