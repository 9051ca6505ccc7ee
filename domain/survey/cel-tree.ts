/**
 * A CEL syntax tree, its constructors, and a printer that writes it out with only the
 * parentheses CEL's precedence needs.
 */


export type Cel =
  | { readonly kind: 'ident'; readonly name: string }
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'double'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'list'; readonly items: readonly Cel[] }
  | { readonly kind: 'map'; readonly entries: readonly (readonly [Cel, Cel])[] }
  | { readonly kind: 'call'; readonly fn: string; readonly args: readonly Cel[] }
  | { readonly kind: 'method'; readonly target: Cel; readonly fn: string; readonly args: readonly Cel[] }
  | { readonly kind: 'select'; readonly target: Cel; readonly field: string }
  | { readonly kind: 'index'; readonly target: Cel; readonly index: Cel }
  | { readonly kind: 'unary'; readonly op: '!' | '-'; readonly operand: Cel }
  | { readonly kind: 'binary'; readonly op: CelOp; readonly left: Cel; readonly right: Cel }
  | { readonly kind: 'ternary'; readonly condition: Cel; readonly then: Cel; readonly otherwise: Cel };

export type CelOp = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | '+' | '-' | '*' | '/' | '%';

/** CEL's precedence levels: a higher number binds tighter. */
const CEL_PRECEDENCE: Record<CelOp, number> = { '||': 2, '&&': 3, '==': 4, '!=': 4, '<': 4, '<=': 4, '>': 4, '>=': 4, in: 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };
const TERNARY = 1;
const RELATION = CEL_PRECEDENCE['=='];
const UNARY = 7;
const PRIMARY = 8;

interface Printed {
  readonly text: string;
  readonly precedence: number;
}

export function print(node: Cel): Printed {
  switch (node.kind) {
    case 'ident':
      return primary(node.name);
    case 'int':
      return { text: String(node.value), precedence: node.value < 0n ? UNARY : PRIMARY };
    case 'double':
      return { text: doubleText(node.value), precedence: node.value < 0 ? UNARY : PRIMARY };
    case 'string':
      return primary(quote(node.value));
    case 'bool':
      return primary(String(node.value));
    case 'null':
      return primary('null');
    case 'list':
      return primary(`[${node.items.map((i) => print(i).text).join(', ')}]`);
    case 'map':
      return primary(`{${node.entries.map(([key, value]) => `${print(key).text}: ${print(value).text}`).join(', ')}}`);
    case 'call':
      return primary(`${node.fn}(${node.args.map((a) => print(a).text).join(', ')})`);
    case 'method':
      return primary(`${operand(node.target, PRIMARY)}.${node.fn}(${node.args.map((a) => print(a).text).join(', ')})`);
    case 'select':
      return primary(`${operand(node.target, PRIMARY)}.${node.field}`);
    case 'index':
      return primary(`${operand(node.target, PRIMARY)}[${print(node.index).text}]`);
    case 'unary':
      return { text: `${node.op}${operand(node.operand, PRIMARY)}`, precedence: UNARY };
    case 'binary':
      return printBinary(node.op, node.left, node.right);
    case 'ternary':
      return { text: `${operand(node.condition, TERNARY + 1)} ? ${operand(node.then, TERNARY + 1)} : ${print(node.otherwise).text}`, precedence: TERNARY };
  }
}

const primary = (text: string): Printed => ({ text, precedence: PRIMARY });

/**
 * Left-associative: the right operand is parenthesized at its own level too. Relations never
 * chain, and `&&` inside `||` gets parentheses it does not need, for the reader.
 */
function printBinary(op: CelOp, left: Cel, right: Cel): Printed {
  const level = CEL_PRECEDENCE[op];
  const side = (node: Cel, floor: number) => (op === '||' && node.kind === 'binary' && node.op === '&&' ? `(${print(node).text})` : operand(node, floor));
  return { text: `${side(left, level === RELATION ? level + 1 : level)} ${op} ${side(right, level + 1)}`, precedence: level };
}

/** A sub-expression, in parentheses when it binds looser than `floor`. */
function operand(node: Cel, floor: number): string {
  const printed = print(node);
  return printed.precedence < floor ? `(${printed.text})` : printed.text;
}

/** A double literal CEL reads as a double: with a point or an exponent. */
function doubleText(value: number): string {
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A CEL string literal: XPath strings have no escapes, so backslashes (regex patterns) are doubled. */
function quote(value: string): string {
  let text = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    text += ESCAPES[ch] ?? (code < 0x20 || code === 0x7f ? `\\u${code.toString(16).padStart(4, '0')}` : ch);
  }
  return `'${text}'`;
}

export const ident = (name: string): Cel => ({ kind: 'ident', name });
export const intLit = (value: bigint): Cel => ({ kind: 'int', value });
export const doubleLit = (value: number): Cel => ({ kind: 'double', value });
export const strLit = (value: string): Cel => ({ kind: 'string', value });
export const call = (fn: string, ...args: Cel[]): Cel => ({ kind: 'call', fn, args });
export const method = (target: Cel, fn: string, ...args: Cel[]): Cel => ({ kind: 'method', target, fn, args });
export const binary = (op: CelOp, left: Cel, right: Cel): Cel => ({ kind: 'binary', op, left, right });
export const ternary = (condition: Cel, then: Cel, otherwise: Cel): Cel => ({ kind: 'ternary', condition, then, otherwise });
export const select = (target: Cel, field: string): Cel => ({ kind: 'select', target, field });
export const index = (target: Cel, at: Cel): Cel => ({ kind: 'index', target, index: at });
export const not = (operand: Cel): Cel => ({ kind: 'unary', op: '!', operand });
