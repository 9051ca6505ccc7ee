/**
 * XLSForm's expression language (the ODK subset of XPath 1.0), read into a syntax tree: a
 * tokenizer and a Pratt parser, with nothing rewritten in the source text. What is not
 * XPath, or nests too deep, is a `Refusal` carrying its offset in the source.
 */

/** An expression's syntax tree. */
export function parseXPath(source: string): XNode {
  return new Parser(source, tokenize(source)).parseAll();
}

/** Why an expression cannot be translated, and where in its source. */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/** Nesting beyond this is refused: the recursive steps (and CEL's own parser) must not run out of stack. */
export const MAX_DEPTH = 100;

// ---------------------------------------------------------------------------------------------
// Tokens

type Token =
  | { readonly kind: 'number'; readonly text: string; readonly at: number }
  | { readonly kind: 'string'; readonly value: string; readonly at: number }
  | { readonly kind: 'ref'; readonly name: string; readonly at: number }
  /** A name: a function's, an operator word's (`and`, `div`), or a path step's (also `*`). */
  | { readonly kind: 'name'; readonly text: string; readonly at: number }
  | { readonly kind: 'op'; readonly text: string; readonly at: number }
  | { readonly kind: 'end'; readonly at: number };
/** A token read from the source, as opposed to the end marker. */
type Lexeme = Exclude<Token, { kind: 'end' }>;

const OPERATOR_WORDS = new Set(['and', 'or', 'div', 'mod']);
/** Longest first, so `!=` is not read as `!`. */
const SYMBOLS = ['!=', '<=', '>=', '//', '..', '::', '=', '<', '>', '+', '-', '*', '/', '|', '(', ')', '[', ']', ',', '.', '@'];
const CURLY_QUOTES = new Set(['‘', '’', '“', '”']);

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';
const isNameStart = (ch: string | undefined) => ch !== undefined && (ch === '_' || /\p{L}/u.test(ch));
const isNameChar = (ch: string | undefined) => ch !== undefined && (isNameStart(ch) || isDigit(ch) || ch === '-' || ch === '.' || /\p{M}/u.test(ch));

function tokenize(source: string): Token[] {
  const tokens: Lexeme[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const token = readToken(source, i, tokens[tokens.length - 1]);
    tokens.push(token);
    i = endOf(source, token);
  }
  return [...tokens, { kind: 'end', at: source.length }];
}

/** Where a token read at its offset ends; each token kind knows its own length. */
function endOf(source: string, token: Lexeme): number {
  switch (token.kind) {
    case 'number':
    case 'name':
    case 'op':
      return token.at + token.text.length;
    case 'string':
      return token.at + token.value.length + 2;
    case 'ref':
      return source.indexOf('}', token.at) + 1;
  }
}

function readToken(source: string, at: number, previous: Lexeme | undefined): Lexeme {
  const ch = source[at]!;
  if (ch === '$') return readReference(source, at);
  if (ch === "'" || ch === '"') return readString(source, at);
  if (isDigit(ch) || (ch === '.' && isDigit(source[at + 1]))) return readNumber(source, at);
  if (isNameStart(ch)) return readName(source, at, previous);
  if (CURLY_QUOTES.has(ch)) throw new Refusal(`typographic quote ${ch}: quote strings with ' or "`, at);
  const symbol = SYMBOLS.find((s) => source.startsWith(s, at));
  if (symbol === undefined) throw new Refusal(`unexpected character ${ch}`, at);
  // XPath's rule: `*` after an operand is multiplication, elsewhere the wildcard step of a path.
  if (symbol === '*' && !followsOperand(previous)) return { kind: 'name', text: '*', at };
  return { kind: 'op', text: symbol, at };
}

function readReference(source: string, at: number): Lexeme {
  if (source[at + 1] !== '{') throw new Refusal(`XPath variables ($name) are not supported: refer to items as \${name}`, at);
  const close = source.indexOf('}', at);
  if (close < 0) throw new Refusal('unterminated ${', at);
  const name = source.slice(at + 2, close).trim();
  if (name === '') throw new Refusal('empty ${}', at);
  if (name.startsWith('last-saved#')) throw new Refusal(`\${${name}}: last-saved references are not supported`, at);
  return { kind: 'ref', name, at };
}

/** XPath strings have no escapes: they run to the next quote of the same kind. */
function readString(source: string, at: number): Lexeme {
  const close = source.indexOf(source[at]!, at + 1);
  if (close < 0) throw new Refusal('unterminated string', at);
  return { kind: 'string', value: source.slice(at + 1, close), at };
}

function readNumber(source: string, at: number): Lexeme {
  let end = at;
  while (isDigit(source[end])) end++;
  if (source[end] === '.') {
    end++;
    while (isDigit(source[end])) end++;
  }
  return { kind: 'number', text: source.slice(at, end), at };
}

/** A name, with one colon for a prefix (`jr:choice-name`) but not an axis's `::`. */
function readName(source: string, at: number, previous: Lexeme | undefined): Lexeme {
  let end = at + 1;
  while (isNameChar(source[end])) end++;
  if (source[end] === ':' && isNameStart(source[end + 1])) {
    end += 2;
    while (isNameChar(source[end])) end++;
  }
  const text = source.slice(at, end);
  // XPath's rule: `and`, `or`, `div`, `mod` are operators only where an operator can stand.
  if (OPERATOR_WORDS.has(text) && followsOperand(previous)) return { kind: 'op', text, at };
  return { kind: 'name', text, at };
}

/** Whether the token before ends an operand (a literal, a name, `)`, `]`, `.`, `..`), so what comes next is an operator. */
function followsOperand(previous: Lexeme | undefined): boolean {
  if (previous === undefined) return false;
  return previous.kind !== 'op' || previous.text === ')' || previous.text === ']' || previous.text === '.' || previous.text === '..';
}

// ---------------------------------------------------------------------------------------------
// XPath syntax tree and parser

export type XNode =
  | { readonly kind: 'number'; readonly text: string; readonly at: number }
  | { readonly kind: 'string'; readonly value: string; readonly at: number }
  | { readonly kind: 'ref'; readonly name: string; readonly at: number }
  | { readonly kind: 'self'; readonly at: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly XNode[]; readonly at: number }
  | { readonly kind: 'binary'; readonly op: string; readonly left: XNode; readonly right: XNode; readonly at: number }
  | { readonly kind: 'negate'; readonly operand: XNode; readonly at: number }
  /** A location path (absolute or relative, `../x`, a bare `x`, steps after `instance('l')`): kept only to be refused by name. */
  | { readonly kind: 'path'; readonly text: string; readonly base?: XNode; readonly at: number };

/** XPath 1.0's binary operators, loosest first; unary minus binds tighter than all of them. */
const BINDING_POWER: Record<string, number> = { or: 1, and: 2, '=': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, div: 6, mod: 6 };
const UNARY_POWER = 7;
/** Tokens that start a location path where an operand is expected. */
const PATH_STARTS = new Set(['/', '//', '..', '@']);
/** Tokens after which a location path takes a step (a name, `.`, `..`, `@`). */
const PATH_SEPARATORS = new Set(['/', '//', '::', '@']);

class Parser {
  private index = 0;
  private nesting = 0;
  /** How deep each node's subtree is, so a long chain of operators is refused before lowering recurses through it. */
  private readonly depth = new WeakMap<XNode, number>();

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  parseAll(): XNode {
    const tree = this.expression(0);
    const next = this.peek();
    if (next.kind !== 'end') throw new Refusal(`unexpected ${describeToken(next)}`, next.at);
    return tree;
  }

  /** Pratt loop: operands joined by operators that bind tighter than `floor`. */
  private expression(floor: number): XNode {
    if (++this.nesting > MAX_DEPTH) throw new Refusal(`nested more than ${MAX_DEPTH} deep`, this.peek().at);
    let left = this.prefix();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'op') break;
      if (token.text === '|') throw new Refusal('the union operator | is not supported', token.at);
      const power = BINDING_POWER[token.text];
      if (power === undefined || power <= floor) break;
      this.index++;
      const right = this.expression(power);
      left = this.node({ kind: 'binary', op: token.text, left, right, at: token.at }, [left, right]);
    }
    this.nesting--;
    return left;
  }

  private prefix(): XNode {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return this.node({ kind: 'number', text: token.text, at: token.at }, []);
      case 'string':
        return this.node({ kind: 'string', value: token.value, at: token.at }, []);
      case 'ref':
        return this.node({ kind: 'ref', name: token.name, at: token.at }, []);
      case 'name':
        return this.isOp('(') ? this.postfix(this.call(token.text, token.at)) : this.path(token.at);
      case 'op':
        return this.prefixOperator(token.text, token.at);
      case 'end':
        throw new Refusal('unexpected end of expression', token.at);
    }
  }

  private prefixOperator(text: string, at: number): XNode {
    if (text === '-') {
      const operand = this.expression(UNARY_POWER);
      return this.node({ kind: 'negate', operand, at }, [operand]);
    }
    if (text === '(') {
      const inner = this.expression(0);
      this.expect(')');
      return this.postfix(inner, at);
    }
    if (text === '.') return this.postfix(this.node({ kind: 'self', at }, []));
    if (PATH_STARTS.has(text)) return this.path(at);
    throw new Refusal(`unexpected ${text}`, at);
  }

  private call(name: string, at: number): XNode {
    this.expect('(');
    const args: XNode[] = [];
    if (!this.isOp(')')) {
      do args.push(this.expression(0));
      while (this.accept(','));
    }
    this.expect(')');
    return this.node({ kind: 'call', name, args, at }, args);
  }

  /** `.`, `(…)` or a call followed by `/` or `[` starts a path or a filter: refused later, with its text. */
  private postfix(base: XNode, start = base.at): XNode {
    const next = this.peek();
    if (next.kind !== 'op' || !(next.text === '/' || next.text === '//' || next.text === '[')) return base;
    return this.path(start, base);
  }

  /** Skips a location path whose first token is behind (steps, separators, predicates, node tests) and keeps its text. */
  private path(at: number, base?: XNode): XNode {
    for (;;) {
      const token = this.peek();
      const previous = this.tokens[this.index - 1]!;
      const stepDue = previous.kind === 'op' && PATH_SEPARATORS.has(previous.text);
      if (token.kind === 'op' && token.text === '[' && !stepDue) this.skipBalanced('[', ']');
      else if (token.kind === 'op' && PATH_SEPARATORS.has(token.text) && !stepDue) this.index++;
      else if (stepDue && (token.kind === 'name' || (token.kind === 'op' && (token.text === '.' || token.text === '..' || token.text === '@')))) {
        this.index++;
        if (token.kind === 'name' && this.isOp('(')) this.skipBalanced('(', ')');
      } else break;
    }
    const text = this.source.slice(at, this.peek().at).trimEnd();
    return this.node(base ? { kind: 'path', text, base, at } : { kind: 'path', text, at }, base ? [base] : []);
  }

  private skipBalanced(open: string, close: string): void {
    let level = 0;
    do {
      const token = this.next();
      if (token.kind === 'end') throw new Refusal(`missing ${close}`, token.at);
      if (token.kind === 'op' && token.text === open) level++;
      if (token.kind === 'op' && token.text === close) level--;
    } while (level > 0);
  }

  private node(node: XNode, children: readonly XNode[]): XNode {
    const depth = 1 + Math.max(0, ...children.map((c) => this.depth.get(c) ?? 1));
    if (depth > MAX_DEPTH) throw new Refusal(`nested more than ${MAX_DEPTH} deep`, node.at);
    this.depth.set(node, depth);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private isOp(text: string): boolean {
    const token = this.peek();
    return token.kind === 'op' && token.text === text;
  }

  private accept(text: string): boolean {
    if (!this.isOp(text)) return false;
    this.index++;
    return true;
  }

  private expect(text: string): void {
    if (this.accept(text)) return;
    const token = this.peek();
    throw new Refusal(`expected ${text} but found ${describeToken(token)}`, token.at);
  }
}

/** A token as an error message names it. */
function describeToken(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the expression';
    case 'string':
      return `the string '${token.value}'`;
    case 'ref':
      return `\${${token.name}}`;
    default:
      return token.text;
  }
}
