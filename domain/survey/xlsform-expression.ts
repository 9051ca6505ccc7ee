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
 * Also: sqrt, exp, log, log10, the trigonometric functions, pow, now, join, jr:choice-name
 * (a lookup in a map of the item's choices written into the expression), CHT's
 * difference-in-months (from date parts), indexed-repeat, and count-selected of a
 * select_multiple answered as text. Those beyond CEL (sqrt … atan, pow, now, join,
 * selections) are defined in expression-functions.ts.
 *
 * Beyond standard CEL and the project's `has(name)`, the output calls two functions the
 * expression environment must provide:
 * - `today()`: the current date as a 'YYYY-MM-DD' string (dates are such strings, so they
 *   compare as text);
 * - `sum(list)`: the sum of a list of numbers, an int when all are ints and 0 when empty. CEL's
 *   macros cannot fold a list, so a roster total cannot be written without it.
 */

import { binary, call, ident, method, not, print, select, strLit, type Cel } from './cel-tree.js';
import { isNumeric, negate, numberLiteral, numericLiteral, toBool, toDouble, toNumber, toText, type CelType, type Typed } from './xlsform-coerce.js';
import { functionRules, REFUSED_BECAUSE, type FunctionRule } from './xlsform-functions.js';
import { parseXPath, Refusal, type XNode } from './xpath.js';

export interface TranslationContext {
  /** The item the expression belongs to: `.` means this item's value (in constraints and relevance). */
  readonly self?: string;
  /** The questionnaire's items, so `${name}` can be checked; the sets below use the same keys. */
  readonly names: ReadonlySet<string>;
  /** Items that are select_multiple (so `selected(${x}, 'a')` becomes `'a' in x`, and count-selected(${x}) becomes `size(x)`). */
  readonly multiple: ReadonlySet<string>;
  /** Items that are integers (so arithmetic and comparisons with decimals can wrap them in double()). */
  readonly integers: ReadonlySet<string>;
  /** Items that are dates ('YYYY-MM-DD' strings: XPath reads them as a number of days, and format-date() takes them). */
  readonly dates?: ReadonlySet<string>;
  /** The roster holding each item (and each inner roster). */
  readonly rosterOf: ReadonlyMap<string, string>;
  readonly rosters: ReadonlySet<string>;
  /** An item's id where it differs from its key (`hh-size` → `hh_size`). */
  readonly idOf?: ReadonlyMap<string, string>;
  /** An XLSForm name's items, when names repeat in different groups or repeats: `${name}` is the nearest one, as in ODK. */
  readonly candidates?: ReadonlyMap<string, readonly string[]>;
  /** The rosters the expression runs in, innermost first, when not those around `self` (a group's relevance). */
  readonly enclosing?: readonly string[];
  /** The context node's place, as names from the top (groups, repeats, then its own): relative paths walk from here. */
  readonly here?: readonly string[];
  /** Each item by its place (names joined with ' > '), for relative and absolute paths. */
  readonly byPath?: ReadonlyMap<string, string>;
  /** The choices of each select item (value to English label), for jr:choice-name(). */
  readonly choiceLabels?: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Names the import leaves out, with why: a reference to one is refused with the reason. */
  readonly leftOut?: ReadonlyMap<string, string>;
}

export type Translation = { readonly cel: string; readonly warnings?: readonly string[] } | { readonly error: string; readonly at?: number };

export function translateExpression(source: string, context: TranslationContext): Translation {
  try {
    const tree = parseXPath(source);
    const lowering = new Lowering(context);
    const cel = print(lowering.lower(tree).cel).text;
    return lowering.warnings.length > 0 ? { cel, warnings: lowering.warnings } : { cel };
  } catch (err) {
    if (err instanceof Refusal) return { error: err.message, at: err.at };
    // A bug here must not take an import down with it: it is one more expression refused.
    return { error: `cannot translate: ${(err as Error).message}` };
  }
}

const CEL_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CEL_RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);
/** The variable for a roster's row in `map`/`filter`: reads only `row.item`, so it cannot hide an item the expression needs. */
const ROW = 'row';
const isName = (node: XNode): node is Extract<XNode, { kind: 'ref' | 'self' }> => node.kind === 'ref' || node.kind === 'self';

export class Lowering {
  private readonly functions: Record<string, FunctionRule>;
  /** The rosters whose rows the expression sits in, innermost first: their items are plain names here. */
  readonly enclosing: readonly string[];
  readonly warnings: string[] = [];

  constructor(readonly context: TranslationContext) {
    this.enclosing = context.enclosing ?? this.rostersAround(context.self);
    this.functions = functionRules(this);
  }

  lower(node: XNode): Typed {
    switch (node.kind) {
      case 'number':
        return numberLiteral(node.text, node.at);
      case 'string':
        return { cel: strLit(node.value), type: 'string' };
      case 'ref':
        return this.item(this.resolve(node.name, node.at), node.at);
      case 'self':
        return this.self(node.at);
      case 'call':
        return this.call(node.name, node.args, node.at);
      case 'binary':
        return this.binary(node.op, node.left, node.right, node.at);
      case 'negate':
        return negate(toNumber(this.lower(node.operand), node.at));
      case 'path':
        return this.path(node);
    }
  }

  // -- names

  rostersAround(item: string | undefined): string[] {
    const chain: string[] = [];
    for (let roster = item === undefined ? undefined : this.context.rosterOf.get(item); roster !== undefined && !chain.includes(roster); roster = this.context.rosterOf.get(roster)) chain.push(roster);
    return chain;
  }

  /** An item is a plain name here when it is on the top level or in a roster whose row the expression is in. */
  visible(key: string): boolean {
    const roster = this.context.rosterOf.get(key);
    return roster === undefined || this.enclosing.includes(roster);
  }

  /** The item `${name}` means here: the only one so named, or the nearest visible one. */
  resolve(name: string, at: number): string {
    const candidates = (this.context.candidates?.get(name) ?? [name]).filter((key) => this.context.names.has(key));
    if (candidates.length === 0) {
      const reason = this.context.leftOut?.get(name);
      throw new Refusal(reason ? `\${${name}} is left out of the questionnaire (${reason})` : `unknown item \${${name}}`, at);
    }
    if (candidates.length === 1) return candidates[0]!;
    const depth = (key: string) => this.rostersAround(key).length;
    const visible = candidates.filter((key) => this.visible(key)).sort((a, b) => depth(b) - depth(a));
    if (visible.length === 0 || (visible.length > 1 && depth(visible[0]!) === depth(visible[1]!))) {
      throw new Refusal(`\${${name}} is ambiguous here: ${candidates.length} items are named ${name}`, at);
    }
    return visible[0]!;
  }

  /** An item's value, as a plain name: it must be visible here. */
  item(key: string, at: number): Typed {
    const name = this.nameOf(key);
    if (this.context.rosters.has(key)) throw new Refusal(`\${${name}} is a roster: use it in count()`, at);
    if (!this.visible(key)) throw new Refusal(`\${${name}} is inside the roster \${${this.nameOf(this.context.rosterOf.get(key)!)}}: outside it, use it in sum(), count() or count-non-empty()`, at);
    const id = this.id(key);
    if (!CEL_IDENTIFIER.test(id) || CEL_RESERVED.has(id)) throw new Refusal(`\${${name}} is not a valid CEL identifier`, at);
    return { cel: ident(id), type: this.typeOf(key) };
  }

  /** The id the questionnaire gives an item. */
  id(key: string): string {
    return this.context.idOf?.get(key) ?? key;
  }

  /** The name a message gives an item: its XLSForm name when the import renamed it. */
  private nameOf(key: string): string {
    for (const [name, keys] of this.context.candidates ?? []) if (keys.includes(key)) return name;
    return key;
  }

  private self(at: number): Typed {
    if (this.context.self === undefined) throw new Refusal('. (the current item) needs the item the expression belongs to', at);
    return this.item(this.context.self, at);
  }

  typeOf(key: string): CelType {
    if (this.context.integers.has(key)) return 'int';
    if (this.context.dates?.has(key)) return 'date';
    return this.context.multiple.has(key) ? 'list' : 'dyn';
  }

  /** A location path (`../x`, `./x`, `current()/../x`, an absolute path, a bare name) that names one item from here. */
  private path(node: Extract<XNode, { kind: 'path' }>): Typed {
    const key = this.pathTarget(node);
    if (key !== undefined) return this.item(key, node.at);
    if (node.base) this.lower(node.base);
    if (this.context.here && /^[\p{L}_][\p{L}\p{N}_.-]*$/u.test(node.text) && this.context.self !== undefined) {
      // A bare name is a child of the context node; a question has none, so XPath reads it as empty text.
      this.warnings.push(`${node.text} names no item below this one: XPath reads it as empty text (did the form mean '${node.text}'?)`);
      return { cel: strLit(''), type: 'string' };
    }
    throw new Refusal(`unsupported XPath path ${node.text}: refer to items as \${name}`, node.at);
  }

  /** The item a path names, walking the groups from the context node; undefined when it names none. */
  pathTarget(node: Extract<XNode, { kind: 'path' }>): string | undefined {
    const { here, byPath } = this.context;
    if (!here || !byPath) return undefined;
    let text = node.text;
    if (node.base) {
      if (!(node.base.kind === 'call' && node.base.name === 'current' && node.base.args.length === 0) && node.base.kind !== 'self') return undefined;
      text = `.${text.slice(text.indexOf('/'))}`;
    }
    if (/[[\]@*:]|\/\//.test(text)) return undefined;
    const absolute = text.startsWith('/');
    const steps = text.split('/').filter((s) => s !== '');
    let place = absolute ? [] : [...here];
    for (const [i, step] of steps.entries()) {
      if (absolute && i === 0) continue;
      if (step === '.') continue;
      if (step === '..') {
        if (place.length === 0) return undefined;
        place = place.slice(0, -1);
      } else place = [...place, step];
    }
    return byPath.get(place.join(' > '));
  }

  /** The roster an aggregate runs over: the roster named, or the one holding the item named; it must be visible here. */
  rosterFor(node: XNode, fn: string, itemOnly: boolean): { roster: string; item?: string } {
    const key = node.kind === 'ref' ? this.resolve(node.name, node.at) : node.kind === 'path' ? this.pathTarget(node) : undefined;
    const isRoster = key !== undefined && this.context.rosters.has(key);
    const roster = key === undefined ? undefined : isRoster ? key : this.context.rosterOf.get(key);
    const wanted = itemOnly ? 'an item inside a roster' : 'a roster or an item inside one';
    if (roster === undefined || key === undefined || (itemOnly && isRoster)) throw new Refusal(`${fn}() takes ${wanted}, as \${name}`, node.at);
    if (!this.visible(roster)) throw new Refusal(`${fn}(): the roster \${${this.nameOf(roster)}} is inside another roster's rows, not visible here`, node.at);
    return isRoster ? { roster } : { roster, item: key };
  }

  /** The answered values of a roster's item across its rows. */
  answeredInRows(roster: string, item: string, map: (field: Cel) => Cel = (field) => field): Cel {
    const field = select(ident(ROW), this.id(item));
    return method(ident(this.id(roster)), 'map', ident(ROW), call('has', field), map(field));
  }

  // -- operators

  private binary(op: string, left: XNode, right: XNode, at: number): Typed {
    switch (op) {
      case 'or':
      case 'and':
        return { cel: binary(op === 'or' ? '||' : '&&', toBool(this.lower(left)).cel, toBool(this.lower(right)).cel), type: 'bool' };
      case '=':
      case '!=':
        return this.equality(op, left, right, at);
      case '<':
      case '<=':
      case '>':
      case '>=':
        return this.relation(op, this.lower(left), this.lower(right), at);
      case 'div':
        return { cel: binary('/', toDouble(this.lower(left), at).cel, toDouble(this.lower(right), at).cel), type: 'double' };
      case 'mod':
        return this.modulo(this.lower(left), this.lower(right), at);
      default:
        return this.arithmetic(op as '+' | '-' | '*', this.lower(left), this.lower(right), at);
    }
  }

  private equality(op: '=' | '!=', left: XNode, right: XNode, at: number): Typed {
    const answered = this.answeredTest(left, right) ?? this.answeredTest(right, left);
    if (answered) return op === '=' ? { cel: not(answered.cel), type: 'bool' } : answered;
    const prefix = this.prefixTest(left, right, at) ?? this.prefixTest(right, left, at);
    if (prefix) return op === '=' ? prefix : { cel: not(prefix.cel), type: 'bool' };
    const [l, r] = this.alignForEquality(this.lower(left), this.lower(right), at);
    return { cel: binary(op === '=' ? '==' : '!=', l.cel, r.cel), type: 'bool' };
  }

  /** `substr(s, 0, n) = 'abc'` (n the literal's length) asks whether s starts with it: CEL has startsWith, not substring. */
  private prefixTest(sub: XNode, other: XNode, at: number): Typed | undefined {
    if (sub.kind !== 'call' || sub.name !== 'substr' || sub.args.length !== 3 || other.kind !== 'string') return undefined;
    const [s, start, end] = sub.args;
    if (start!.kind !== 'number' || start!.text !== '0' || end!.kind !== 'number' || Number(end!.text) !== [...other.value].length) return undefined;
    return { cel: method(toText(this.lower(s!), at).cel, 'startsWith', strLit(other.value)), type: 'bool' };
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
    const asNumber = (t: Typed) => (t.type === 'dyn' ? toNumber(t, at) : (numericLiteral(t, at) ?? t));
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
    const numeric = [l, r].some((t) => isNumeric(t) || numericLiteral(t, at) !== undefined);
    const [a, b] = numeric ? [toNumber(l, at), toNumber(r, at)] : [l, r];
    return { cel: binary(op, a.cel, b.cel), type: 'bool' };
  }

  /** Ints stay ints; CEL has no mixed arithmetic, so anything else is done in doubles. */
  private arithmetic(op: '+' | '-' | '*', left: Typed, right: Typed, at: number): Typed {
    const l = toNumber(left, at);
    const r = toNumber(right, at);
    if (l.type === 'int' && r.type === 'int') return { cel: binary(op, l.cel, r.cel), type: 'int' };
    return { cel: binary(op, toDouble(l, at).cel, toDouble(r, at).cel), type: 'double' };
  }

  private modulo(left: Typed, right: Typed, at: number): Typed {
    const whole = (t: Typed) => {
      const number = toNumber(t, at);
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
}
