/**
 * XLSForm expressions (the ODK subset of XPath 1.0) translated to the questionnaire's CEL.
 *
 * Three steps and no rewriting of the source text: `xpath.ts` parses it to an XPath syntax
 * tree, this module lowers that tree to a CEL syntax tree, and `cel-tree.ts` prints it with
 * the parentheses CEL's precedence needs.
 *
 * Supported: `${name}`, `.` (the item the expression belongs to), string and number literals,
 * `and` `or` `=` `!=` `<` `<=` `>` `>=` `+` `-` `*` `div` `mod`, unary minus, parentheses, and
 * the functions selected, count-selected, string-length, if, not, today, count, sum,
 * count-non-empty, coalesce, regex, concat, contains, starts-with, ends-with, int, number,
 * string, boolean, true, false, once, date (of a 'YYYY-MM-DD' literal), and position(..) or
 * index() inside a roster (the row number, `_row`). Everything else — location paths (absolute, `../x`,
 * bare names), predicates, unions, variables and other functions — is refused with the offset
 * of the construct.
 *
 * Where the languages differ, the lowering follows XPath's meaning:
 * - XPath converts between strings, numbers and booleans as needed; CEL does not. An item the
 *   context does not type (a decimal, a select_one, a text, a calculate) is read through
 *   `double()` wherever XPath would read a number: arithmetic, and comparisons with a number.
 *   A string literal holding a number is a number when compared with a number.
 * - Arithmetic between integers stays in CEL ints; anything else is done in doubles, since CEL
 *   has no mixed int/double arithmetic. `div` is always a double division; `mod` works on whole
 *   numbers (a decimal operand is truncated: CEL has no floating modulo).
 * - `${x} = ''` asks whether x is unanswered: `!has(x)` (and `!=` gives `has(x)`).
 * - An unanswered item is null in CEL where XPath sees ''. `=` and `!=` agree on it; elsewhere an
 *   empty item makes the CEL fail to evaluate, which the evaluator takes as "cannot tell".
 * - `sum()` and `count-non-empty()` skip a roster's unanswered rows.
 *
 * Beyond standard CEL and the project's `has(name)`, the output calls two functions the
 * expression environment must provide:
 * - `today()`: the current date as a 'YYYY-MM-DD' string (dates are such strings, so they
 *   compare as text);
 * - `sum(list)`: the sum of a list of numbers, an int when all are ints and 0 when empty. CEL's
 *   macros cannot fold a list, so a roster total cannot be written without it.
 */

import { binary, call, doubleLit, ident, intLit, method, not, print, strLit, ternary, type Cel } from './cel-tree.js';
import { parseXPath, Refusal, type XNode } from './xpath.js';

export interface TranslationContext {
  /** The item the expression belongs to: `.` means this item's value (in constraints and relevance). */
  readonly self?: string;
  /** Names of the questionnaire's items, so `${name}` can be checked. */
  readonly names: ReadonlySet<string>;
  /** Items that are select_multiple (so `selected(${x}, 'a')` becomes `'a' in x`, and count-selected(${x}) becomes `size(x)`). */
  readonly multiple: ReadonlySet<string>;
  /** Items that are integers (so arithmetic and comparisons with decimals can wrap them in double()). */
  readonly integers: ReadonlySet<string>;
  /** Items that are rosters (repeats): count(${roster}) becomes `size(roster)`, sum(${item_in_roster}) becomes a sum over the roster's rows. Map from an item inside a roster to its roster's name. */
  readonly rosterOf: ReadonlyMap<string, string>;
  readonly rosters: ReadonlySet<string>;
  /** An item's id where it differs from its XLSForm name (`hh-size` → `hh_size`); the sets above use the XLSForm names. */
  readonly idOf?: ReadonlyMap<string, string>;
}

export type Translation = { readonly cel: string } | { readonly error: string; readonly at?: number };

export function translateExpression(source: string, context: TranslationContext): Translation {
  try {
    const tree = parseXPath(source);
    return { cel: print(new Lowering(context).lower(tree).cel).text };
  } catch (err) {
    if (err instanceof Refusal) return { error: err.message, at: err.at };
    // A bug here must not take an import down with it: it is one more expression refused.
    return { error: `cannot translate: ${(err as Error).message}` };
  }
}

// Lowering: XPath tree to CEL tree, with the type CEL will see where it is known

/** `dyn`: an item the context does not type, or a value only known at run time. `date`: today() and date literals, 'YYYY-MM-DD' strings. */
type CelType = 'int' | 'double' | 'string' | 'date' | 'bool' | 'list' | 'dyn';

interface Typed {
  readonly cel: Cel;
  readonly type: CelType;
}


const MAX_INT = 9223372036854775807n;
/** What XPath's number() accepts. */
const XPATH_NUMBER = /^\s*-?(\d+(\.\d*)?|\.\d+)\s*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CEL_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CEL_RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);
/** The variable for a roster's row in `map`/`filter`: reads only `row.item`, so it cannot hide an item the expression needs. */
const ROW = 'row';

/** Functions refused with a reason more useful than "unsupported". */
const REFUSED_BECAUSE: Record<string, string> = {
  pulldata: 'it reads an external CSV file',
  instance: 'it reads choice lists or external data',
  'indexed-repeat': 'it reads another row of a roster',
  'jr:choice-name': 'choice labels are not values',
  'choice-label': 'choice labels are not values',
  now: 'only today() is available',
};

interface FunctionRule {
  readonly min: number;
  readonly max: number;
  readonly lower: (args: readonly XNode[], at: number) => Typed;
}

const isNumeric = (t: Typed) => t.type === 'int' || t.type === 'double';
const isName = (node: XNode): node is Extract<XNode, { kind: 'ref' | 'self' }> => node.kind === 'ref' || node.kind === 'self';

class Lowering {
  private readonly functions: Record<string, FunctionRule>;
  /** The rosters whose rows the expression sits in, innermost first: their items are plain names here. */
  private readonly enclosing: readonly string[];

  constructor(private readonly context: TranslationContext) {
    this.enclosing = this.rostersAround(context.self);
    this.functions = this.functionRules();
  }

  lower(node: XNode): Typed {
    switch (node.kind) {
      case 'number':
        return this.number(node.text, node.at);
      case 'string':
        return { cel: strLit(node.value), type: 'string' };
      case 'ref':
        return this.name(node.name, node.at);
      case 'self':
        return this.self(node.at);
      case 'call':
        return this.call(node.name, node.args, node.at);
      case 'binary':
        return this.binary(node.op, node.left, node.right, node.at);
      case 'negate':
        return this.negate(this.toNumber(this.lower(node.operand), node.at));
      case 'path':
        if (node.base) this.lower(node.base);
        throw new Refusal(`unsupported XPath path ${node.text}: refer to items as \${name}`, node.at);
    }
  }

  // -- names

  private rostersAround(item: string | undefined): string[] {
    const chain: string[] = [];
    for (let roster = item === undefined ? undefined : this.context.rosterOf.get(item); roster !== undefined && !chain.includes(roster); roster = this.context.rosterOf.get(roster)) chain.push(roster);
    return chain;
  }

  /** An item is a plain name here when it is on the top level or in a roster whose row the expression is in. */
  private visible(item: string): boolean {
    const roster = this.context.rosterOf.get(item);
    return roster === undefined || this.enclosing.includes(roster);
  }

  private name(name: string, at: number): Typed {
    if (!this.context.names.has(name)) throw new Refusal(`unknown item \${${name}}`, at);
    if (this.context.rosters.has(name)) throw new Refusal(`\${${name}} is a roster: use it in count()`, at);
    if (!this.visible(name)) throw new Refusal(`\${${name}} is inside the roster \${${this.context.rosterOf.get(name)}}: outside it, use it in sum(), count() or count-non-empty()`, at);
    const id = this.id(name);
    if (!CEL_IDENTIFIER.test(id) || CEL_RESERVED.has(id)) throw new Refusal(`\${${name}} is not a valid CEL identifier`, at);
    return { cel: ident(id), type: this.typeOf(name) };
  }

  /** The id the questionnaire gives an XLSForm name. */
  private id(name: string): string {
    return this.context.idOf?.get(name) ?? name;
  }

  private self(at: number): Typed {
    if (this.context.self === undefined) throw new Refusal('. (the current item) needs the item the expression belongs to', at);
    return this.name(this.context.self, at);
  }

  private typeOf(name: string): CelType {
    if (this.context.integers.has(name)) return 'int';
    return this.context.multiple.has(name) ? 'list' : 'dyn';
  }

  /** The roster an aggregate runs over: the roster named, or the one holding the item named; it must be visible here. */
  private rosterFor(node: XNode, fn: string, itemOnly: boolean): { roster: string; item?: string } {
    const name = node.kind === 'ref' ? node.name : undefined;
    if (name !== undefined && !this.context.names.has(name)) throw new Refusal(`unknown item \${${name}}`, node.at);
    const isRoster = name !== undefined && this.context.rosters.has(name);
    const roster = name === undefined ? undefined : isRoster ? name : this.context.rosterOf.get(name);
    const wanted = itemOnly ? 'an item inside a roster' : 'a roster or an item inside one';
    if (roster === undefined || name === undefined || (itemOnly && isRoster)) throw new Refusal(`${fn}() takes ${wanted}, as \${name}`, node.at);
    if (!this.visible(roster)) throw new Refusal(`${fn}(): the roster \${${roster}} is inside another roster's rows, not visible here`, node.at);
    return isRoster ? { roster } : { roster, item: name };
  }

  // -- literals and numbers

  private number(text: string, at: number): Typed {
    if (text.includes('.')) {
      const value = Number(text);
      if (!Number.isFinite(value)) throw new Refusal(`the number ${text} is too large`, at);
      return { cel: doubleLit(value), type: 'double' };
    }
    const value = BigInt(text);
    if (value > MAX_INT) throw new Refusal(`the number ${text} is too large`, at);
    return { cel: intLit(value), type: 'int' };
  }

  /** A string literal holding a number, as that number: XPath compares it numerically with numbers. */
  private numericLiteral(t: Typed, at: number): Typed | undefined {
    if (t.cel.kind !== 'string' || !XPATH_NUMBER.test(t.cel.value)) return undefined;
    const text = t.cel.value.trim();
    const negative = text.startsWith('-');
    const magnitude = this.number(negative ? text.slice(1) : text, at);
    return negative ? this.negate(magnitude) : magnitude;
  }

  /** XPath's number(): booleans are 1 or 0, strings are parsed, untyped items read through double(). */
  private toNumber(t: Typed, at: number): Typed {
    switch (t.type) {
      case 'int':
      case 'double':
        return t;
      case 'bool':
        return { cel: ternary(t.cel, intLit(1n), intLit(0n)), type: 'int' };
      case 'list':
        throw new Refusal('a select_multiple is not a number: use count-selected()', at);
      case 'date':
        throw new Refusal('dates cannot be used as numbers (no date arithmetic)', at);
      default:
        return this.numericLiteral(t, at) ?? { cel: call('double', t.cel), type: 'double' };
    }
  }

  private toDouble(t: Typed, at: number): Typed {
    if (t.type === 'bool') return { cel: ternary(t.cel, doubleLit(1), doubleLit(0)), type: 'double' };
    const number = this.toNumber(t, at);
    if (number.type === 'double') return number;
    return { cel: number.cel.kind === 'int' ? doubleLit(Number(number.cel.value)) : call('double', number.cel), type: 'double' };
  }

  private negate(t: Typed): Typed {
    if (t.cel.kind === 'int') return { cel: intLit(-t.cel.value), type: 'int' };
    if (t.cel.kind === 'double') return { cel: doubleLit(-t.cel.value), type: 'double' };
    return { cel: { kind: 'unary', op: '-', operand: t.cel }, type: t.type };
  }

  /** XPath's string(): numbers as their digits, untyped items through string(). */
  private toText(t: Typed, at: number): Typed {
    if (t.type === 'string' || t.type === 'date') return t;
    if (t.type === 'list') throw new Refusal('a select_multiple is not text here', at);
    if (t.cel.kind === 'int' || t.cel.kind === 'double') return { cel: strLit(String(t.cel.value)), type: 'string' };
    return { cel: call('string', t.cel), type: 'string' };
  }

  /** XPath's boolean(): numbers are true unless 0, strings and lists unless empty; an untyped item is taken to be a boolean calculation. */
  private toBool(t: Typed): Typed {
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

  // -- operators

  private binary(op: string, left: XNode, right: XNode, at: number): Typed {
    switch (op) {
      case 'or':
      case 'and':
        return { cel: binary(op === 'or' ? '||' : '&&', this.toBool(this.lower(left)).cel, this.toBool(this.lower(right)).cel), type: 'bool' };
      case '=':
      case '!=':
        return this.equality(op, left, right, at);
      case '<':
      case '<=':
      case '>':
      case '>=':
        return this.relation(op, this.lower(left), this.lower(right), at);
      case 'div':
        return { cel: binary('/', this.toDouble(this.lower(left), at).cel, this.toDouble(this.lower(right), at).cel), type: 'double' };
      case 'mod':
        return this.modulo(this.lower(left), this.lower(right), at);
      default:
        return this.arithmetic(op as '+' | '-' | '*', this.lower(left), this.lower(right), at);
    }
  }

  private equality(op: '=' | '!=', left: XNode, right: XNode, at: number): Typed {
    const answered = this.answeredTest(left, right) ?? this.answeredTest(right, left);
    if (answered) return op === '=' ? { cel: not(answered.cel), type: 'bool' } : answered;
    const [l, r] = this.alignForEquality(this.lower(left), this.lower(right), at);
    return { cel: binary(op === '=' ? '==' : '!=', l.cel, r.cel), type: 'bool' };
  }

  /** `${x} = ''` asks whether x is answered: an unanswered item is null, never ''. */
  private answeredTest(name: XNode, other: XNode): Typed | undefined {
    if (!isName(name) || other.kind !== 'string' || other.value !== '') return undefined;
    return { cel: call('has', this.lower(name).cel), type: 'bool' };
  }

  /** A number compared with an untyped item or a numeric string compares as numbers, as in XPath. */
  private alignForEquality(l: Typed, r: Typed, at: number): [Typed, Typed] {
    if (l.type === 'list') return [l, this.asSelections(r, at)];
    if (r.type === 'list') return [this.asSelections(l, at), r];
    const asNumber = (t: Typed) => (t.type === 'dyn' ? this.toNumber(t, at) : (this.numericLiteral(t, at) ?? t));
    if (isNumeric(l) && !isNumeric(r)) return [l, asNumber(r)];
    if (isNumeric(r) && !isNumeric(l)) return [asNumber(l), r];
    return [l, r];
  }

  /**
   * XPath compares a select_multiple as its space-separated answer: with a literal, that is the
   * list of the literal's words, in order (`${x} = 'a'` holds when only 'a' is chosen).
   */
  private asSelections(t: Typed, at: number): Typed {
    const literal = t.cel.kind === 'string' || t.cel.kind === 'int' || t.cel.kind === 'double' ? String(t.cel.value).trim() : undefined;
    if (literal === undefined) throw new Refusal('a select_multiple compared with = or != to something other than a literal: use selected() or count-selected()', at);
    return { cel: { kind: 'list', items: literal.split(/\s+/).map(strLit) }, type: 'list' };
  }

  /** Ordering is numeric in XPath when a number is involved; otherwise text, which orders 'YYYY-MM-DD' dates correctly. */
  private relation(op: '<' | '<=' | '>' | '>=', l: Typed, r: Typed, at: number): Typed {
    if (l.type === 'list' || r.type === 'list') throw new Refusal(`a select_multiple compared with ${op}: use count-selected()`, at);
    const numeric = [l, r].some((t) => isNumeric(t) || this.numericLiteral(t, at) !== undefined);
    const [a, b] = numeric ? [this.toNumber(l, at), this.toNumber(r, at)] : [l, r];
    return { cel: binary(op, a.cel, b.cel), type: 'bool' };
  }

  /** Ints stay ints; CEL has no mixed arithmetic, so anything else is done in doubles. */
  private arithmetic(op: '+' | '-' | '*', left: Typed, right: Typed, at: number): Typed {
    const l = this.toNumber(left, at);
    const r = this.toNumber(right, at);
    if (l.type === 'int' && r.type === 'int') return { cel: binary(op, l.cel, r.cel), type: 'int' };
    return { cel: binary(op, this.toDouble(l, at).cel, this.toDouble(r, at).cel), type: 'double' };
  }

  private modulo(left: Typed, right: Typed, at: number): Typed {
    const whole = (t: Typed) => {
      const number = this.toNumber(t, at);
      return number.type === 'int' ? number.cel : call('int', number.cel);
    };
    return { cel: binary('%', whole(left), whole(right)), type: 'int' };
  }

  // -- functions

  private call(name: string, args: readonly XNode[], at: number): Typed {
    const rule = this.functions[name];
    if (rule === undefined) {
      const reason = REFUSED_BECAUSE[name];
      throw new Refusal(`unsupported function ${name}()${reason ? `: ${reason}` : ''}`, at);
    }
    if (args.length < rule.min || args.length > rule.max) {
      const count = rule.min === rule.max ? `${rule.min}` : rule.max === Infinity ? `at least ${rule.min}` : `${rule.min} to ${rule.max}`;
      throw new Refusal(`${name}() takes ${count} argument${rule.min === 1 && rule.max === 1 ? '' : 's'}, not ${args.length}`, at);
    }
    return rule.lower(args, at);
  }

  private functionRules(): Record<string, FunctionRule> {
    const one = (lower: (arg: XNode, at: number) => Typed): FunctionRule => ({ min: 1, max: 1, lower: (args, at) => lower(args[0]!, at) });
    const constant = (typed: Typed): FunctionRule => ({ min: 0, max: 0, lower: () => typed });
    const stringMethod = (fn: string): FunctionRule => ({ min: 2, max: 2, lower: ([s, t], at) => ({ cel: method(this.toText(this.lower(s!), at).cel, fn, this.toText(this.lower(t!), at).cel), type: 'bool' }) });
    return {
      selected: { min: 2, max: 2, lower: ([list, value], at) => this.selected(list!, value!, at) },
      'count-selected': one((arg, at) => this.countSelected(arg, at)),
      'string-length': one((arg, at) => ({ cel: call('size', this.toText(this.lower(arg), at).cel), type: 'int' })),
      if: { min: 3, max: 3, lower: ([c, a, b], at) => this.choose(this.toBool(this.lower(c!)).cel, this.lower(a!), this.lower(b!), at) },
      not: one((arg) => ({ cel: not(this.toBool(this.lower(arg)).cel), type: 'bool' })),
      boolean: one((arg) => this.toBool(this.lower(arg))),
      true: constant({ cel: { kind: 'bool', value: true }, type: 'bool' }),
      false: constant({ cel: { kind: 'bool', value: false }, type: 'bool' }),
      today: constant({ cel: call('today'), type: 'date' }),
      date: one((arg, at) => this.date(arg, at)),
      count: one((arg) => ({ cel: call('size', ident(this.id(this.rosterFor(arg, 'count', false).roster))), type: 'int' })),
      round: { min: 1, max: 2, lower: ([x, places], at) => ({ cel: call('round', this.toDouble(this.lower(x!), at).cel, places ? this.toInt(this.lower(places), at).cel : { kind: 'int', value: 0n }), type: 'double' }) },
      trim: one((arg, at) => ({ cel: call('trim', this.toText(this.lower(arg), at).cel), type: 'string' })),
      sum: one((arg) => this.sum(arg)),
      'count-non-empty': one((arg) => this.countNonEmpty(arg)),
      coalesce: { min: 2, max: Infinity, lower: (args, at) => this.coalesce(args, at) },
      regex: stringMethod('matches'),
      contains: stringMethod('contains'),
      'starts-with': stringMethod('startsWith'),
      'ends-with': stringMethod('endsWith'),
      concat: { min: 0, max: Infinity, lower: (args, at) => this.concat(args, at) },
      int: one((arg, at) => this.toInt(this.lower(arg), at)),
      number: one((arg, at) => this.toDouble(this.lower(arg), at)),
      string: one((arg, at) => this.toText(this.lower(arg), at)),
      once: one((arg) => this.lower(arg)),
      position: one((arg, at) => this.position(arg.kind === 'path' && arg.text === '..', at)),
      index: { min: 0, max: 0, lower: (_, at) => this.position(true, at) },
    };
  }

  /** On a select_multiple, membership; on anything else (a select_one), XPath compares the whole value as text. */
  private selected(list: XNode, value: XNode, at: number): Typed {
    const set = this.lower(list);
    const wanted = this.toText(this.lower(value), at).cel;
    if (set.type === 'list') return { cel: binary('in', wanted, set.cel), type: 'bool' };
    const whole = set.type === 'dyn' ? set.cel : this.toText(set, at).cel;
    return { cel: binary('==', whole, wanted), type: 'bool' };
  }

  private countSelected(arg: XNode, at: number): Typed {
    const set = this.lower(arg);
    if (set.type !== 'list') throw new Refusal('count-selected() takes a select_multiple', at);
    return { cel: call('size', set.cel), type: 'int' };
  }

  /** A ternary; when one branch is an int and the other a double, the int is made a double so the result has one type. */
  private choose(condition: Cel, a: Typed, b: Typed, at: number): Typed {
    const mixed = isNumeric(a) && isNumeric(b) && a.type !== b.type;
    const [x, y] = mixed ? [this.toDouble(a, at), this.toDouble(b, at)] : [a, b];
    return { cel: ternary(condition, x.cel, y.cel), type: x.type === y.type ? x.type : 'dyn' };
  }

  /** Dates are 'YYYY-MM-DD' strings here, so only a literal date can be read. */
  private date(arg: XNode, at: number): Typed {
    if (arg.kind !== 'string' || !ISO_DATE.test(arg.value)) throw new Refusal("date() takes a literal date 'YYYY-MM-DD'", at);
    return { cel: strLit(arg.value), type: 'date' };
  }

  /** The answered values of a roster's item across its rows. */
  private answeredInRows(roster: string, item: string): Cel {
    const field: Cel = { kind: 'select', target: ident(ROW), field: this.id(item) };
    return method(ident(this.id(roster)), 'map', ident(ROW), call('has', field), field);
  }

  private sum(arg: XNode): Typed {
    const { roster, item } = this.rosterFor(arg, 'sum', true);
    return { cel: call('sum', this.answeredInRows(roster, item!)), type: this.context.integers.has(item!) ? 'int' : 'dyn' };
  }

  private countNonEmpty(arg: XNode): Typed {
    const { roster, item } = this.rosterFor(arg, 'count-non-empty', true);
    return { cel: call('size', this.answeredInRows(roster, item!)), type: 'int' };
  }

  /** The first answered value (ODK takes two, SurveyCTO more): a name is tested with has(), any other value against null. */
  private coalesce(args: readonly XNode[], at: number): Typed {
    const [first, ...rest] = args;
    const a = this.lower(first!);
    const present = isName(first!) ? call('has', a.cel) : binary('!=', a.cel, { kind: 'null' });
    return this.choose(present, a, rest.length === 1 ? this.lower(rest[0]!) : this.coalesce(rest, at), at);
  }

  private concat(args: readonly XNode[], at: number): Typed {
    const parts = args.map((arg) => this.toText(this.lower(arg), at).cel);
    return { cel: parts.length === 0 ? strLit('') : parts.reduce((left, right) => binary('+', left, right)), type: 'string' };
  }

  /** XPath's int() truncates toward zero, as CEL's int() of a double does. */
  private toInt(t: Typed, at: number): Typed {
    const number = this.toNumber(t, at);
    return number.type === 'int' ? number : { cel: call('int', number.cel), type: 'int' };
  }

  /** position(..) and index() are the row number inside a roster, which the evaluator binds as `_row`. */
  private position(ofRow: boolean, at: number): Typed {
    if (!ofRow) throw new Refusal('position() is supported only as position(..), the row number', at);
    if (this.enclosing.length === 0) throw new Refusal('the row number is only known inside a roster', at);
    return { cel: ident('_row'), type: 'int' };
  }
}
