import { parse } from '@bufbuild/cel';

/**
 * CEL expressions written back as XLSForm's XPath, read through CEL's own syntax tree: the
 * inverse of the import's translation for what it produces, and a refusal (a message) for
 * anything XPath cannot say.
 */

export type ItemKind = 'roster' | 'multiple' | 'other';

type Node = { exprKind: { case?: string; value?: unknown } };
type CallValue = { function: string; target?: Node; args: Node[] };

class Untranslatable extends Error {}

/** The XPath of a CEL expression, or why it has none. */
export function celToXpath(cel: string, kinds: ReadonlyMap<string, ItemKind>): { xpath: string } | { problem: string } {
  try {
    return { xpath: new Writer(kinds).write(parse(cel).expr as unknown as Node) };
  } catch (err) {
    return { problem: err instanceof Untranslatable ? err.message : `cannot be read as CEL (${(err as Error).message.split('\n')[0]})` };
  }
}

const BINARY: Record<string, string> = { '_&&_': 'and', '_||_': 'or', '_==_': '=', '_!=_': '!=', '_<_': '<', '_<=_': '<=', '_>_': '>', '_>=_': '>=', '_-_': '-', '_*_': '*', '_/_': 'div', '_%_': 'mod' };
const PRECEDENCE: Record<string, number> = { or: 1, and: 2, '=': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, div: 6, mod: 6 };
const METHODS: Record<string, string> = { matches: 'regex', contains: 'contains', startsWith: 'starts-with', endsWith: 'ends-with' };
const FUNCTIONS: Record<string, string> = {
  today: 'today', now: 'now', round: 'round', trim: 'trim', int: 'int', double: 'number', string: 'string', pow: 'pow',
  ...Object.fromEntries(['sqrt', 'exp', 'log', 'log10', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan'].map((fn) => [fn, fn])),
};

class Writer {
  constructor(private readonly kinds: ReadonlyMap<string, ItemKind>) {}

  write(node: Node, floor = 0): string {
    const { case: kind, value } = node.exprKind;
    switch (kind) {
      case 'identExpr':
        return this.ident((value as { name: string }).name);
      case 'constExpr':
        return this.constant((value as { constantKind: { case: string; value: unknown } }).constantKind);
      case 'listExpr':
        return quote((value as { elements: Node[] }).elements.map((e) => this.literal(e)).join(' '));
      case 'callExpr':
        return this.call(value as CallValue, floor);
      case 'selectExpr':
        return this.rowOf(value as { operand: Node; field: string });
      default:
        throw new Untranslatable(`${kind ?? 'this expression'} has no XLSForm equivalent`);
    }
  }

  private ident(name: string): string {
    return name === '_row' ? 'position(..)' : `\${${name}}`;
  }

  private constant(c: { case: string; value: unknown }): string {
    switch (c.case) {
      case 'int64Value':
      case 'uint64Value':
        return String(c.value);
      case 'doubleValue': {
        const text = String(c.value);
        return /[.e]/.test(text) ? text : `${text}.0`;
      }
      case 'stringValue':
        return quote(String(c.value));
      case 'boolValue':
        return c.value ? 'true()' : 'false()';
      default:
        throw new Untranslatable(`the constant ${c.case} has no XLSForm equivalent`);
    }
  }

  private literal(node: Node): string {
    const c = node.exprKind.case === 'constExpr' ? (node.exprKind.value as { constantKind: { case: string; value: unknown } }).constantKind : undefined;
    if (c?.case !== 'stringValue') throw new Untranslatable('a list other than choices has no XLSForm equivalent');
    return String(c.value);
  }

  private call(call: CallValue, floor: number): string {
    const { function: fn, target, args } = call;
    if (fn === '_+_') return this.plus(call, floor);
    const op = BINARY[fn];
    if (op) {
      const level = PRECEDENCE[op]!;
      // and/or associate: CEL's parser balances long chains, XPath reads them either way.
      const associative = op === 'and' || op === 'or';
      const text = `${this.write(args[0]!, level)} ${op} ${this.write(args[1]!, associative ? level : level + 1)}`;
      return level < floor ? `(${text})` : text;
    }
    if (fn === '!_') return `not(${this.write(args[0]!)})`;
    if (fn === '-_') return `-${this.write(args[0]!, 7)}`;
    if (fn === '_?_:_') return `if(${args.map((a) => this.write(a)).join(', ')})`;
    if (fn === '@in') {
      const list = args[1]!;
      if (list.exprKind.case !== 'identExpr') throw new Untranslatable('"in" a list other than a select_multiple has no XLSForm equivalent');
      return `selected(${this.write(list)}, ${this.write(args[0]!)})`;
    }
    if (fn === '_[_]' && args[0]!.exprKind.case === 'structExpr') return this.choiceName(args[1]!);
    if (fn === '_[_]') return `selected-at(${this.write(args[0]!)}, ${this.write(args[1]!)})`;
    if (target) {
      const method = METHODS[fn];
      if (!method) throw new Untranslatable(`the method ${fn}() has no XLSForm equivalent`);
      return `${method}(${this.write(target)}, ${this.write(args[0]!)})`;
    }
    if (fn === 'has') return `${this.write(args[0]!, 4)} != ''`;
    if (fn === 'size') return this.size(args[0]!);
    if (fn === 'sum') return `sum(${this.rowField(args[0]!)})`;
    if (fn === 'join') return `join(${this.write(args[1]!)}, ${args[0]!.exprKind.case === 'comprehensionExpr' ? this.rowField(args[0]!) : this.write(args[0]!)})`;
    const name = FUNCTIONS[fn];
    if (!name) throw new Untranslatable(`the function ${fn}() has no XLSForm equivalent`);
    return `${name}(${args.map((a) => this.write(a)).join(', ')})`;
  }

  /** CEL's + adds numbers and joins strings; XPath's only adds, so joined text is concat(). */
  private plus(call: CallValue, floor: number): string {
    const terms: Node[] = [];
    const flatten = (node: Node) => {
      const value = node.exprKind.value as CallValue;
      if (node.exprKind.case === 'callExpr' && value.function === '_+_') value.args.forEach(flatten);
      else terms.push(node);
    };
    flatten({ exprKind: { case: 'callExpr', value: call } });
    const isText = (node: Node) => {
      const value = node.exprKind.value as CallValue & { constantKind?: { case: string } };
      return (node.exprKind.case === 'constExpr' && value.constantKind?.case === 'stringValue') || (node.exprKind.case === 'callExpr' && value.function === 'string');
    };
    if (terms.some(isText)) return `concat(${terms.map((t) => this.write(t)).join(', ')})`;
    const text = terms.map((t, i) => this.write(t, i === 0 ? 5 : 6)).join(' + ');
    return 5 < floor ? `(${text})` : text;
  }

  /** `{'1': 'Male', …}[string(x)]`, the label of x's choice, as the import writes jr:choice-name(): the labels come from x's list again. */
  private choiceName(key: Node): string {
    const inner = key.exprKind.value as CallValue;
    const item = key.exprKind.case === 'callExpr' && inner.function === 'string' ? inner.args[0]! : key;
    if (item.exprKind.case !== 'identExpr') throw new Untranslatable('a lookup other than a choice label has no XLSForm equivalent');
    const name = (item.exprKind.value as { name: string }).name;
    return `jr:choice-name(\${${name}}, '\${${name}}')`;
  }

  /** `roster[i - 1].x`, x in the i-th row: indexed-repeat(). */
  private rowOf(select: { operand: Node; field: string }): string {
    const at = select.operand.exprKind.value as CallValue;
    if (select.operand.exprKind.case !== 'callExpr' || at.function !== '_[_]' || at.args[0]!.exprKind.case !== 'identExpr') throw new Untranslatable('a field of something other than a roster row has no XLSForm equivalent');
    const index = at.args[1]!;
    const minusOne = index.exprKind.value as CallValue;
    const row = index.exprKind.case === 'callExpr' && minusOne.function === '_-_' ? this.write(minusOne.args[0]!) : `${this.write(index, 5)} + 1`;
    return `indexed-repeat(\${${select.field}}, ${this.write(at.args[0]!)}, ${row})`;
  }

  private size(arg: Node): string {
    const inner = arg.exprKind.value as CallValue;
    // size(selections(string(x))): the choices of a select_multiple answered as text.
    if (arg.exprKind.case === 'callExpr' && inner.function === 'selections') {
      const text = inner.args[0]!.exprKind.value as CallValue;
      return `count-selected(${this.write(inner.args[0]!.exprKind.case === 'callExpr' && text.function === 'string' ? text.args[0]! : inner.args[0]!)})`;
    }
    if (arg.exprKind.case === 'comprehensionExpr') return `count-non-empty(${this.rowField(arg)})`;
    const name = arg.exprKind.case === 'identExpr' ? (arg.exprKind.value as { name: string }).name : undefined;
    const kind = name === undefined ? undefined : this.kinds.get(name);
    if (kind === 'roster') return `count(${this.write(arg)})`;
    if (kind === 'multiple') return `count-selected(${this.write(arg)})`;
    return `string-length(${this.write(arg)})`;
  }

  /** `roster.map(row, has(row.x), row.x)`, the answered x of a roster's rows: `${x}` inside sum() and count-non-empty(). */
  private rowField(node: Node): string {
    if (node.exprKind.case !== 'comprehensionExpr') throw new Untranslatable('sum() takes the answers of a roster item');
    const fields = new Set<string>();
    const visit = (value: unknown) => {
      if (value === null || typeof value !== 'object') return;
      const kind = (value as Node).exprKind;
      if (kind?.case === 'selectExpr') fields.add((kind.value as { field: string }).field);
      for (const inner of Object.values(value)) visit(inner);
    };
    visit((node.exprKind.value as { loopStep: unknown }).loopStep);
    if (fields.size !== 1) throw new Untranslatable('a list made from a roster other than one item\'s answers has no XLSForm equivalent');
    return `\${${[...fields][0]}}`;
  }
}

/** An XPath string literal: XPath has no escapes, so a text with both quotes cannot be written. */
function quote(text: string): string {
  if (!text.includes("'")) return `'${text}'`;
  if (!text.includes('"')) return `"${text}"`;
  throw new Untranslatable('a text holding both quote marks has no XPath literal');
}
