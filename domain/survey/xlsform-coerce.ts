/**
 * XPath's conversions between numbers, strings and booleans, written as CEL: XPath converts
 * as needed, CEL never does, so the translation converts where XPath would. Pure functions
 * of typed CEL trees.
 */

import { binary, call, doubleLit, intLit, strLit, ternary, type Cel } from './cel-tree.js';
import { Refusal } from './xpath.js';

/** `dyn`: an item the context does not type, or a value only known at run time. `date`: a 'YYYY-MM-DD' string. */
export type CelType = 'int' | 'double' | 'string' | 'date' | 'bool' | 'list' | 'dyn';

export interface Typed {
  readonly cel: Cel;
  readonly type: CelType;
}

const MAX_INT = 9223372036854775807n;
/** What XPath's number() accepts. */
const XPATH_NUMBER = /^\s*-?(\d+(\.\d*)?|\.\d+)\s*$/;

export const isNumeric = (t: Typed) => t.type === 'int' || t.type === 'double';

export function numberLiteral(text: string, at: number): Typed {
  if (text.includes('.')) {
    const value = Number(text);
    if (!Number.isFinite(value)) throw new Refusal(`the number ${text} is too large`, at);
    return { cel: doubleLit(value), type: 'double' };
  }
  const value = BigInt(text);
  if (value > MAX_INT) throw new Refusal(`the number ${text} is too large`, at);
  return { cel: intLit(value), type: 'int' };
}

export function negate(t: Typed): Typed {
  if (t.cel.kind === 'int') return { cel: intLit(-t.cel.value), type: 'int' };
  if (t.cel.kind === 'double') return { cel: doubleLit(-t.cel.value), type: 'double' };
  return { cel: { kind: 'unary', op: '-', operand: t.cel }, type: t.type };
}

/** A string literal holding a number, as that number: XPath compares it numerically with numbers. */
export function numericLiteral(t: Typed, at: number): Typed | undefined {
  if (t.cel.kind !== 'string' || !XPATH_NUMBER.test(t.cel.value)) return undefined;
  const text = t.cel.value.trim();
  const negative = text.startsWith('-');
  const magnitude = numberLiteral(negative ? text.slice(1) : text, at);
  return negative ? negate(magnitude) : magnitude;
}

/** A 'YYYY-MM-DD' date as CEL's timestamp of its midnight, UTC. */
export const timestampOf = (date: Cel): Cel => call('timestamp', binary('+', date, strLit('T00:00:00Z')));

/** XPath's number(): booleans are 1 or 0, strings are parsed, dates are days since 1970-01-01, untyped items read through double(). */
export function toNumber(t: Typed, at: number): Typed {
  switch (t.type) {
    case 'int':
    case 'double':
      return t;
    case 'bool':
      return { cel: ternary(t.cel, intLit(1n), intLit(0n)), type: 'int' };
    case 'list':
      throw new Refusal('a select_multiple is not a number: use count-selected()', at);
    case 'date':
      return { cel: binary('/', call('int', timestampOf(t.cel)), intLit(86400n)), type: 'int' };
    default:
      return numericLiteral(t, at) ?? { cel: call('double', t.cel), type: 'double' };
  }
}

export function toDouble(t: Typed, at: number): Typed {
  if (t.type === 'bool') return { cel: ternary(t.cel, doubleLit(1), doubleLit(0)), type: 'double' };
  const number = toNumber(t, at);
  if (number.type === 'double') return number;
  return { cel: number.cel.kind === 'int' ? doubleLit(Number(number.cel.value)) : call('double', number.cel), type: 'double' };
}

/** XPath's int() truncates toward zero, as CEL's int() of a double does. */
export function toInt(t: Typed, at: number): Typed {
  const number = toNumber(t, at);
  return number.type === 'int' ? number : { cel: call('int', number.cel), type: 'int' };
}

/** XPath's string(): numbers as their digits, untyped items through string(). */
export function toText(t: Typed, at: number): Typed {
  if (t.type === 'string' || t.type === 'date') return t;
  if (t.type === 'list') throw new Refusal('a select_multiple is not text here', at);
  if (t.cel.kind === 'int' || t.cel.kind === 'double') return { cel: strLit(String(t.cel.value)), type: 'string' };
  return { cel: call('string', t.cel), type: 'string' };
}

/** XPath's boolean(): numbers are true unless 0, strings and lists unless empty; an untyped item is taken to be a boolean calculation. */
export function toBool(t: Typed): Typed {
  switch (t.type) {
    case 'bool':
    case 'dyn':
      return t;
    case 'int':
    case 'double':
      return { cel: binary('!=', t.cel, intLit(0n)), type: 'bool' };
    default:
      return { cel: binary('>', call('size', t.cel), intLit(0n)), type: 'bool' };
  }
}

/** A ternary; when one branch is an int and the other a double, the int is made a double so the result has one type. */
export function choose(condition: Cel, a: Typed, b: Typed, at: number): Typed {
  const mixed = isNumeric(a) && isNumeric(b) && a.type !== b.type;
  const [x, y] = mixed ? [toDouble(a, at), toDouble(b, at)] : [a, b];
  return { cel: ternary(condition, x.cel, y.cel), type: x.type === y.type ? x.type : 'dyn' };
}
