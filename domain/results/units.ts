import type { CelInput } from '@bufbuild/cel';
import type { Bindings } from '../survey/expressions.js';
import { isRoster, levelItems, placeItems, type Item, type Roster } from '../survey/questionnaire.js';

/**
 * Stored answers as the expression language sees them, and the units an output counts:
 * the task's unit (one), or every row of a roster, each seeing its own items, the levels
 * around it and `_row`, as the questionnaire's expressions do.
 */

type Level = Record<string, CelInput>;

/** One level of stored answers as CEL values: integers as ints, rosters as lists of rows. */
export function typedLevel(items: readonly Item[], raw: Record<string, unknown>): Level {
  const level: Level = {};
  for (const item of levelItems(items)) {
    const value = raw[item.id];
    if (isRoster(item)) {
      level[item.id] = Array.isArray(value) ? value.map((row) => typedLevel(item.items, isRecord(row) ? row : {})) : [];
    } else if (value === undefined || value === null) {
      level[item.id] = null;
    } else {
      level[item.id] = item.type === 'integer' && typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : (value as CelInput);
    }
  }
  return level;
}

const chains = new WeakMap<readonly Item[], Map<string, readonly Roster[] | null>>();

/** The rosters from the top level down to `of`, worked out once per questionnaire; null when `of` is no roster. */
export function rosterChain(items: readonly Item[], of: string): readonly Roster[] | null {
  let byId = chains.get(items);
  if (!byId) chains.set(items, (byId = new Map()));
  let chain = byId.get(of);
  if (chain === undefined) {
    const placed = placeItems(items).find((p) => p.item.id === of && isRoster(p.item));
    chain = placed ? [...placed.rosters, placed.item as Roster] : null;
    byId.set(of, chain);
  }
  return chain;
}

/** The bindings of each unit of `chain` (the response itself when empty). */
export function* unitsOf(top: Level, chain: readonly Roster[]): Generator<Bindings> {
  if (chain.length === 0) return yield top;
  yield* rows(top, chain, 0);
}

function* rows(outer: Bindings, chain: readonly Roster[], depth: number): Generator<Bindings> {
  const roster = chain[depth]!;
  const list = outer[roster.id];
  if (!Array.isArray(list)) return;
  for (let i = 0; i < list.length; i++) {
    const row = list[i] as Level;
    const bindings: Bindings = { ...outer, ...row, _row: BigInt(i + 1) };
    if (depth === chain.length - 1) yield bindings;
    else yield* rows(bindings, chain, depth + 1);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
