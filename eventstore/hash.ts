import { createHash } from 'node:crypto';

export class NotJsonError extends Error {}

/**
 * JSON with object keys sorted at every depth, so that equal values hash equally.
 * Refuses what JSON cannot carry faithfully (functions, bigints, NaN, cycles) instead of
 * silently changing it.
 */
export function canonicalJson(value: unknown, seen: Set<object> = new Set()): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NotJsonError(`${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      const json = (value as { toJSON?: () => unknown }).toJSON;
      if (typeof json === 'function') return canonicalJson(json.call(value), seen);
      if (seen.has(value)) throw new NotJsonError('a value refers to itself');
      seen.add(value);
      let out: string;
      if (Array.isArray(value)) {
        out = `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item, seen))).join(',')}]`;
      } else {
        const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
        out = `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k], seen)}`).join(',')}}`;
      }
      seen.delete(value);
      return out;
    }
    default:
      throw new NotJsonError(`a ${typeof value} is not JSON`);
  }
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of one event: SHA-256 over the canonical JSON of its stream, revision, type,
 * data and metadata (which holds `prevHash`, not `hash`). Takes the canonical JSON of
 * data and metadata as stored, so that verification need not parse them.
 */
export function eventHash(stream: string, revision: number, type: string, dataJson: string, metadataJson: string): string {
  return createHash('sha256')
    .update(`{"data":${dataJson},"metadata":${metadataJson},"revision":${revision},"stream":${JSON.stringify(stream)},"type":${JSON.stringify(type)}}`)
    .digest('hex');
}
