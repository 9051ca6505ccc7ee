/**
 * XLSForm's functions, each lowered to CEL by a rule; what CEL cannot express with the
 * expression language's functions is refused, saying why.
 */

import { binary, call, doubleLit, ident, index, intLit, method, not, select, strLit, ternary, type Cel } from './cel-tree.js';
import { choose, timestampOf, toBool, toDouble, toInt, toNumber, toText, type Typed } from './xlsform-coerce.js';
import type { Lowering } from './xlsform-expression.js';
import { Refusal, type XNode } from './xpath.js';

export interface FunctionRule {
  readonly min: number;
  readonly max: number;
  readonly lower: (args: readonly XNode[], at: number) => Typed;
}

/** Functions refused with a reason more useful than "unsupported". */
export const REFUSED_BECAUSE: Record<string, string> = {
  pulldata: 'it reads an external CSV file',
  search: 'it reads an external CSV file',
  instance: 'it reads choice lists or external data',
  'choice-label': 'the expression language has no function giving a choice label',
  'format-date-time': 'only today() is available, not the time',
  uuid: 'the expression language has no function making an id',
  substr: 'the expression language has no substring function',
  'digest': 'the expression language has no hash functions',
};

/** ODK's math functions of one number, each a function of the same name (expression-functions.ts). */
const MATH = ['sqrt', 'exp', 'log', 'log10', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isName = (node: XNode) => node.kind === 'ref' || node.kind === 'self';

export function functionRules(l: Lowering): Record<string, FunctionRule> {
  const lower = (node: XNode) => l.lower(node);
  const one = (rule: (arg: XNode, at: number) => Typed): FunctionRule => ({ min: 1, max: 1, lower: (args, at) => rule(args[0]!, at) });
  const constant = (typed: Typed): FunctionRule => ({ min: 0, max: 0, lower: () => typed });
  const stringMethod = (fn: string): FunctionRule => ({ min: 2, max: 2, lower: ([s, t], at) => ({ cel: method(toText(lower(s!), at).cel, fn, toText(lower(t!), at).cel), type: 'bool' }) });
  const numeric = (rule: (x: Cel) => Cel): FunctionRule => one((arg, at) => ({ cel: rule(toDouble(lower(arg), at).cel), type: 'double' }));
  const extreme = (op: '>' | '<'): FunctionRule => ({
    min: 2,
    max: Infinity,
    lower: (args, at) => args.map((a) => toNumber(lower(a), at)).reduce((best, next) => choose(binary(op, next.cel, best.cel), next, best, at)),
  });
  return {
    selected: { min: 2, max: 2, lower: ([list, value], at) => selected(lower(list!), lower(value!), at) },
    'count-selected': one((arg, at) => {
      const set = lower(arg);
      // A select_multiple whose list is in an external file is answered as text: its values space-separated, as ODK stores them.
      if (set.type === 'dyn' && isName(arg)) return { cel: call('size', call('selections', call('string', set.cel))), type: 'int' };
      if (set.type !== 'list') throw new Refusal('count-selected() takes a select_multiple', at);
      return { cel: call('size', set.cel), type: 'int' };
    }),
    join: { min: 2, max: 2, lower: ([separator, list], at) => {
      const glue = toText(lower(separator!), at).cel;
      // join(sep, ${x}) of an item in a roster joins its answers across the rows, as XPath joins a node-set.
      if (list!.kind === 'ref' && l.context.rosterOf.has(l.resolve(list!.name, list!.at)) && !l.visible(l.resolve(list!.name, list!.at))) {
        const { roster, item } = l.rosterFor(list!, 'join', true);
        return { cel: call('join', l.answeredInRows(roster, item!, (field) => call('string', field)), glue), type: 'string' };
      }
      const set = lower(list!);
      if (set.type !== 'list') throw new Refusal('join() takes a select_multiple or an item in a roster', at);
      return { cel: call('join', set.cel, glue), type: 'string' };
    } },
    'jr:choice-name': { min: 2, max: 2, lower: ([value], at) => choiceName(l, value!, at) },
    now: constant({ cel: call('now'), type: 'string' }),
    'difference-in-months': { min: 2, max: 2, lower: ([from, to], at) => monthsBetween(lower(from!), lower(to!), at) },
    'selected-at': { min: 2, max: 2, lower: ([list, n], at) => selectedAt(lower(list!), toInt(lower(n!), at), at) },
    'string-length': one((arg, at) => ({ cel: call('size', toText(lower(arg), at).cel), type: 'int' })),
    if: { min: 3, max: 3, lower: ([c, a, b], at) => choose(toBool(lower(c!)).cel, lower(a!), lower(b!), at) },
    not: one((arg) => ({ cel: not(toBool(lower(arg)).cel), type: 'bool' })),
    boolean: one((arg) => toBool(lower(arg))),
    'boolean-from-string': one((arg, at) => {
      const text = toText(lower(arg), at).cel;
      return { cel: binary('||', binary('==', text, strLit('true')), binary('==', text, strLit('1'))), type: 'bool' };
    }),
    true: constant({ cel: { kind: 'bool', value: true }, type: 'bool' }),
    false: constant({ cel: { kind: 'bool', value: false }, type: 'bool' }),
    today: constant({ cel: call('today'), type: 'date' }),
    date: one((arg, at) => {
      if (arg.kind !== 'string' || !ISO_DATE.test(arg.value)) throw new Refusal("date() takes a literal date 'YYYY-MM-DD'", at);
      return { cel: strLit(arg.value), type: 'date' };
    }),
    'format-date': { min: 2, max: 2, lower: ([d, format], at) => formatDate(lower(d!), format!, at) },
    count: one((arg) => ({ cel: call('size', ident(l.id(l.rosterFor(arg, 'count', false).roster))), type: 'int' })),
    sum: one((arg) => {
      const { roster, item } = l.rosterFor(arg, 'sum', true);
      return { cel: call('sum', l.answeredInRows(roster, item!)), type: l.context.integers.has(item!) ? 'int' : 'dyn' };
    }),
    'count-non-empty': one((arg) => {
      const { roster, item } = l.rosterFor(arg, 'count-non-empty', true);
      return { cel: call('size', l.answeredInRows(roster, item!)), type: 'int' };
    }),
    'indexed-repeat': { min: 3, max: 7, lower: (args, at) => indexedRepeat(l, args, at) },
    round: { min: 1, max: 2, lower: ([x, places], at) => ({ cel: call('round', toDouble(lower(x!), at).cel, places ? toInt(lower(places), at).cel : intLit(0n)), type: 'double' }) },
    int: one((arg, at) => toInt(lower(arg), at)),
    number: one((arg, at) => toDouble(lower(arg), at)),
    string: one((arg, at) => toText(lower(arg), at)),
    abs: numeric((x) => ternary(binary('<', x, doubleLit(0)), { kind: 'unary', op: '-', operand: x }, x)),
    // CEL's int() truncates toward zero; floor and ceiling step from there.
    floor: numeric((x) => binary('-', call('double', call('int', x)), ternary(binary('<', x, call('double', call('int', x))), doubleLit(1), doubleLit(0)))),
    ceiling: numeric((x) => binary('+', call('double', call('int', x)), ternary(binary('>', x, call('double', call('int', x))), doubleLit(1), doubleLit(0)))),
    pow: { min: 2, max: 2, lower: ([x, n], at) => power(toDouble(lower(x!), at), n!, at) ?? { cel: call('pow', toDouble(lower(x!), at).cel, toDouble(lower(n!), at).cel), type: 'double' } },
    ...Object.fromEntries(MATH.map((fn) => [fn, numeric((x) => call(fn, x))])),
    min: extreme('<'),
    max: extreme('>'),
    trim: one((arg, at) => ({ cel: call('trim', toText(lower(arg), at).cel), type: 'string' })),
    coalesce: { min: 2, max: Infinity, lower: (args, at) => coalesce(lower, args, at) },
    regex: stringMethod('matches'),
    contains: stringMethod('contains'),
    'starts-with': stringMethod('startsWith'),
    'ends-with': stringMethod('endsWith'),
    concat: {
      min: 0,
      max: Infinity,
      lower: (args, at) => {
        const parts = args.map((arg) => toText(lower(arg), at).cel);
        return { cel: parts.length === 0 ? strLit('') : parts.reduce((left, right) => binary('+', left, right)), type: 'string' };
      },
    },
    once: one((arg) => lower(arg)),
    position: one((arg, at) => rowNumber(l, arg.kind === 'path' && arg.text === '..', at)),
    index: { min: 0, max: 0, lower: (_, at) => rowNumber(l, true, at) },
  };
}

/** On a select_multiple, membership; on anything else (a select_one), XPath compares the whole value as text. */
function selected(set: Typed, value: Typed, at: number): Typed {
  const wanted = toText(value, at).cel;
  if (set.type === 'list') return { cel: binary('in', wanted, set.cel), type: 'bool' };
  const whole = set.type === 'dyn' ? set.cel : toText(set, at).cel;
  return { cel: binary('==', whole, wanted), type: 'bool' };
}

/** The n-th choice selected (from 0); a select_one has only its own value at 0. */
function selectedAt(set: Typed, n: Typed, at: number): Typed {
  if (set.type === 'list') return { cel: index(set.cel, n.cel), type: 'string' };
  if (n.cel.kind === 'int' && n.cel.value === 0n) return toText(set, at);
  throw new Refusal('selected-at() takes a select_multiple, or 0 on a select_one', at);
}

/** The first answered value (ODK takes two, SurveyCTO more): a name is tested with has(), any other value against null. */
function coalesce(lower: (node: XNode) => Typed, args: readonly XNode[], at: number): Typed {
  const [first, ...rest] = args;
  const a = lower(first!);
  const present = isName(first!) ? call('has', a.cel) : binary('!=', a.cel, { kind: 'null' });
  return choose(present, a, rest.length === 1 ? lower(rest[0]!) : coalesce(lower, rest, at), at);
}

/** position(..) and index() are the row number inside a roster, which the evaluator binds as `_row`. */
function rowNumber(l: Lowering, ofRow: boolean, at: number): Typed {
  if (!ofRow) throw new Refusal('position() is supported only as position(..), the row number', at);
  if (l.enclosing.length === 0) throw new Refusal('the row number is only known inside a roster', at);
  return { cel: ident('_row'), type: 'int' };
}

/** x to a small whole power written in the form (0 to 16) as repeated multiplication, which stays exact; any other power through pow(). */
function power(x: Typed, n: XNode, _at: number): Typed | undefined {
  const exponent = n.kind === 'number' && /^\d+$/.test(n.text) ? Number(n.text) : NaN;
  if (!(exponent >= 0 && exponent <= 16)) return undefined;
  let cel: Cel = doubleLit(1);
  for (let i = 0; i < exponent; i++) cel = i === 0 ? x.cel : binary('*', cel, x.cel);
  return { cel, type: 'double' };
}

/** indexed-repeat(${x}, ${roster}, i[, ${inner}, j…]): x in the i-th row (from 1) of the roster, as `roster[i - 1].x`. */
function indexedRepeat(l: Lowering, args: readonly XNode[], at: number): Typed {
  if (args.length % 2 === 0) throw new Refusal('indexed-repeat() takes an item, then a roster and a row number for each level', at);
  const [target, ...pairs] = args;
  const key = target!.kind === 'ref' ? l.resolve(target!.name, target!.at) : undefined;
  if (key === undefined) throw new Refusal('indexed-repeat() takes an item as ${name}', at);
  let cel: Cel | undefined;
  let last = '';
  for (let i = 0; i < pairs.length; i += 2) {
    const rosterNode = pairs[i]!;
    const roster = rosterNode.kind === 'ref' ? l.resolve(rosterNode.name, rosterNode.at) : '';
    if (!l.context.rosters.has(roster)) throw new Refusal('indexed-repeat() takes a roster after the item, as ${name}', rosterNode.at);
    if (cel === undefined && !l.visible(roster)) throw new Refusal(`indexed-repeat(): the roster is inside another roster's rows, not visible here`, rosterNode.at);
    if (cel !== undefined && l.context.rosterOf.get(roster) !== last) throw new Refusal('indexed-repeat(): each roster must be inside the one before', rosterNode.at);
    const row = binary('-', toInt(l.lower(pairs[i + 1]!), at).cel, intLit(1n));
    cel = index(cel === undefined ? ident(l.id(roster)) : select(cel, l.id(roster)), row);
    last = roster;
  }
  if (l.context.rosterOf.get(key) !== last) throw new Refusal('indexed-repeat(): the item is not in the last roster named', target!.at);
  return { cel: select(cel!, l.id(key)), type: l.typeOf(key) };
}

/** jr:choice-name(${x}, '${x}'): the chosen choice's label, looked up in a map of the item's choices written into the expression. */
function choiceName(l: Lowering, value: XNode, at: number): Typed {
  const key = value.kind === 'ref' ? l.resolve(value.name, value.at) : value.kind === 'self' ? l.context.self : undefined;
  const labels = key === undefined ? undefined : l.context.choiceLabels?.get(key);
  if (labels === undefined || labels.size === 0) throw new Refusal('jr:choice-name() takes a select_one whose choices are in the choices sheet', at);
  const entries = [...labels].map(([choice, label]) => [strLit(choice), strLit(label)] as const);
  return { cel: index({ kind: 'map', entries }, toText(l.lower(value), at).cel), type: 'string' };
}

/** CHT's difference-in-months(a, b): whole months from date a to date b, a month counted when b's day reaches a's. */
function monthsBetween(from: Typed, to: Typed, at: number): Typed {
  const parts = (d: Typed) => {
    if (d.type !== 'date' && d.type !== 'dyn') throw new Refusal('difference-in-months() takes dates', at);
    const stamp = timestampOf(d.type === 'date' ? d.cel : call('string', d.cel));
    return { year: method(stamp, 'getFullYear'), month: method(stamp, 'getMonth'), day: method(stamp, 'getDayOfMonth') };
  };
  const a = parts(from);
  const b = parts(to);
  const months = binary('+', binary('*', binary('-', b.year, a.year), intLit(12n)), binary('-', b.month, a.month));
  return { cel: binary('-', months, ternary(binary('<', b.day, a.day), intLit(1n), intLit(0n))), type: 'int' };
}

const pad = (n: Cel): Cel => binary('+', ternary(binary('<', n, intLit(10n)), strLit('0'), strLit('')), call('string', n));

/** format-date() of a date, for the numeric parts (%Y %y %m %n %d %e) and any text between them. */
function formatDate(d: Typed, format: XNode, at: number): Typed {
  if (d.type !== 'date' && d.type !== 'dyn') throw new Refusal('format-date() takes a date', at);
  if (format.kind !== 'string') throw new Refusal('format-date() takes its format as a literal', at);
  const stamp = timestampOf(d.type === 'date' ? d.cel : call('string', d.cel));
  const year = method(stamp, 'getFullYear');
  const month = binary('+', method(stamp, 'getMonth'), intLit(1n));
  const day = binary('+', method(stamp, 'getDayOfMonth'), intLit(1n));
  const parts: Cel[] = [];
  for (const piece of format.value.split(/(%.)/).filter((p) => p !== '')) {
    const part = { '%Y': call('string', year), '%y': pad(binary('%', year, intLit(100n))), '%m': pad(month), '%n': call('string', month), '%d': pad(day), '%e': call('string', day) }[piece];
    if (part) parts.push(part);
    else if (piece.startsWith('%')) throw new Refusal(`format-date(): ${piece} is not supported (only %Y %y %m %n %d %e)`, at);
    else parts.push(strLit(piece));
  }
  return { cel: parts.length === 0 ? strLit('') : parts.reduce((a, b) => binary('+', a, b)), type: 'string' };
}
