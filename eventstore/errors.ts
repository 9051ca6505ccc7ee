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

/** Refuses an append whose expected state does not hold for a stream at revision `current` (-1: no stream). */
export function assertExpected(stream: string, expected: 'any' | 'no_stream' | 'stream_exists' | number, current: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === -1) ||
    (expected === 'stream_exists' && current >= 0) ||
    expected === current;
  if (!ok) throw new ConcurrencyError(stream, typeof expected === 'number' ? `revision ${expected}` : expected, current);
}
