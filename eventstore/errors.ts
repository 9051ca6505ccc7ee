import { DomainError } from '../domain/errors.js';

export class ConcurrencyError extends DomainError {
  constructor(
    readonly stream: string,
    readonly expected: string,
    readonly actual: number,
  ) {
    super('concurrency', `stream ${stream} is at revision ${actual}, expected ${expected}`);
  }
}

export class StoreUnavailableError extends DomainError {
  constructor(message: string) {
    super('unavailable', message);
  }
}

export const MAX_EVENT_BYTES = 1024 * 1024;
const STREAM_NAME = /^[A-Za-z0-9][A-Za-z0-9._@:-]{0,254}$/;

export function assertStreamName(stream: string): void {
  if (!STREAM_NAME.test(stream)) {
    throw new DomainError('validation', `invalid stream name "${stream.slice(0, 80)}"`, [
      { path: 'stream', message: 'must be letters, digits and . _ @ : - (at most 255), not starting with a symbol' },
    ]);
  }
}
