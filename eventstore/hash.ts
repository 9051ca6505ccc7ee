import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth, so that equal values hash equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const GENESIS_HASH = '0'.repeat(64);

export interface HashInput {
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly data: unknown;
  /** Metadata without `hash` (it includes `prevHash`). */
  readonly metadata: Record<string, unknown>;
}

export function eventHash(input: HashInput): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}
