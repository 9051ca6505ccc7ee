import { EXTRA_FUNCTIONS } from './expression-functions.js';
import { celEnv, celFunc, celList, celListConcat, CelScalar, isCelError, isCelList, isCelMap, listType, parse, plan, type CelInput } from '@bufbuild/cel';

/**
 * The questionnaire's expression language: CEL, with a few additions: `has(name)`, true when
 * an item has an answer (CEL's own `has(m.f)` keeps working on roster rows); `today()`;
 * `sum(list)`, which CEL's macros cannot write (a roster's total); and XLSForm's `round(x, n)`
 * and `trim(s)`. Plain functions of
 * the definition and the answers: the server and the browser evaluate with this same code.
 */

type Parsed = ReturnType<typeof parse>;
export type Expr = Parsed['expr'];
export type Bindings = Record<string, CelInput>;
type Plan = (bindings: Bindings) => unknown;

/** The office's date (Vietnam, UTC+7 all year) as 'YYYY-MM-DD': dates are such strings and compare as text. */
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** The sum of a list of numbers: an int when every one is, else a double; 0 for an empty list. Rows left unanswered (null) count for nothing. */
function sum(list: Iterable<unknown>): bigint | number {
  let ints = 0n;
  let doubles = 0;
  let whole = true;
  for (const value of list) {
    if (typeof value === 'bigint') ints += value;
    else if (typeof value === 'number') {
      doubles += value;
      whole = false;
    }
  }
  return whole ? ints : Number(ints) + doubles;
}

const env = celEnv({
  funcs: [
    celFunc('has', [CelScalar.DYN], CelScalar.BOOL, (value) => value !== null),
    celFunc('today', [], CelScalar.STRING, today),
    celFunc('sum', [listType(CelScalar.DYN)], CelScalar.DYN, (list) => sum(list)),
    // XLSForm's round(x, places) and trim(s), which CEL lacks.
    celFunc('round', [CelScalar.DOUBLE, CelScalar.INT], CelScalar.DOUBLE, (x, places) => Math.round(x * 10 ** Number(places)) / 10 ** Number(places)),
    celFunc('trim', [CelScalar.STRING], CelScalar.STRING, (text) => text.trim()),
    // What imported XLSForms need besides: mathematics, now(), join() and the values of a select_multiple kept as text.
    ...EXTRA_FUNCTIONS,
  ],
});

export function parseExpression(text: string): { expr: Expr } | { error: string } {
  try {
    return { expr: parse(text).expr };
  } catch (err) {
    return { error: (err as Error).message.split('\n')[0] ?? 'cannot be parsed' };
  }
}

/** Identifiers an expression reads, less the variables its comprehensions bind. */
export function freeNames(node: unknown, bound: ReadonlySet<string> = new Set(), found = new Set<string>()): Set<string> {
  if (node === null || typeof node !== 'object') return found;
  const kind = (node as { exprKind?: { case?: string; value?: Record<string, unknown> } }).exprKind;
  if (kind?.case === 'identExpr') {
    const name = String(kind.value?.name);
    if (!bound.has(name)) found.add(name);
    return found;
  }
  let inner = bound;
  if (kind?.case === 'comprehensionExpr') {
    const { iterVar, iterVar2, accuVar } = kind.value as { iterVar: string; iterVar2?: string; accuVar: string };
    inner = new Set([...bound, iterVar, accuVar, ...(iterVar2 ? [iterVar2] : [])]);
  }
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const item of value) freeNames(item, inner, found);
    else freeNames(value, inner, found);
  }
  return found;
}

/**
 * A faster road for the expressions most of a questionnaire is made of: comparisons,
 * arithmetic, `&&`, `||`, `!`, `?:`, `has`, `size`, `sum`, fields of a row and the list
 * macros (`filter`, `map`, `all`, `exists`) over rosters. CEL's plan
 * resolves each operator's overload as it runs, trying a dozen in turn; here the operand
 * types choose the operation directly, as CEL's own standard functions compute it. Whatever
 * this road does not know (a list, a map, a macro, a function it lacks, an operand type it
 * does not handle) it hands back to CEL, which then evaluates the whole expression: the
 * result is CEL's in every case.
 */
const DEFER = Symbol('defer to CEL');
/** CEL's error: the expression has no value. */
const NO_VALUE = Symbol('no value');
type Fast = (bindings: Bindings) => unknown;

const MAX_INT = 2n ** 63n - 1n;
const MIN_INT = -(2n ** 63n);
const int64 = (value: bigint) => (value >= MIN_INT && value <= MAX_INT ? value : NO_VALUE);
const isScalar = (value: unknown) => value === null || typeof value === 'bigint' || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
/** What the fast road computes with: scalars, and CEL's own lists and maps (rosters and their rows). */
const isFastValue = (value: unknown) => isScalar(value) || isCelList(value) || isCelMap(value);
const stop = (value: unknown) => value === DEFER || value === NO_VALUE;

/** CEL's ordering: of two values of one type, or of an int and a double as doubles. */
function compare(op: string, l: unknown, r: unknown): unknown {
  const tl = typeof l;
  const tr = typeof r;
  const same = tl === tr && (tl === 'bigint' || tl === 'number' || tl === 'string' || tl === 'boolean');
  const mixed = (tl === 'bigint' && tr === 'number') || (tl === 'number' && tr === 'bigint');
  if (!same && !mixed) return DEFER;
  const a = (mixed ? Number(l) : l) as number;
  const b = (mixed ? Number(r) : r) as number;
  return op === '_<_' ? a < b : op === '_<=_' ? a <= b : op === '_>_' ? a > b : a >= b;
}

/** CEL's equality of two scalars: numbers across int and double, anything else by type and value. */
function equal(l: unknown, r: unknown): unknown {
  if (typeof l === 'object' && l !== null) return DEFER;
  if (typeof r === 'object' && r !== null) return DEFER;
  if (l === r) return true;
  const numeric = (typeof l === 'number' || typeof l === 'bigint') && (typeof r === 'number' || typeof r === 'bigint');
  // Loose equality is CEL's rule here: 1 == 1.0, and NaN equals nothing.
  return numeric && l == r;
}

function arithmetic(op: string, l: unknown, r: unknown): unknown {
  if (typeof l === 'bigint' && typeof r === 'bigint') {
    if (op === '_+_') return int64(l + r);
    if (op === '_-_') return int64(l - r);
    if (op === '_*_') return int64(l * r);
    if (r === 0n) return NO_VALUE;
    return op === '_/_' ? int64(l / r) : l % r;
  }
  if (typeof l === 'number' && typeof r === 'number' && op !== '_%_') return op === '_+_' ? l + r : op === '_-_' ? l - r : op === '_*_' ? l * r : l / r;
  if (typeof l === 'string' && typeof r === 'string' && op === '_+_') return l + r;
  if (isCelList(l) && isCelList(r) && op === '_+_') return celListConcat(l, r);
  return DEFER;
}

const OPERATORS = new Set(['_&&_', '_||_', '!_', '-_', '_?_:_', '_==_', '_!=_', '_<_', '_<=_', '_>_', '_>=_', '_+_', '_-_', '_*_', '_/_', '_%_', 'has', 'size', 'sum', '@not_strictly_false']);

function size(value: unknown): unknown {
  if (isCelList(value) || isCelMap(value)) return BigInt(value.size);
  return typeof value === 'string' ? BigInt([...value].length) : stop(value) ? value : DEFER;
}

/** `a.b`: a row's item; CEL's error when the row has no such key. */
function select(operand: Fast, field: string, qualified: string | undefined, testOnly: boolean): Fast {
  return (bindings) => {
    // CEL reads a dotted name bound as such before the field of the operand.
    if (qualified !== undefined && bindings[qualified] !== undefined) return DEFER;
    const value = operand(bindings);
    if (isCelMap(value)) return testOnly ? value.has(field) : (value.get(field) ?? NO_VALUE);
    if (testOnly && isScalar(value)) return false;
    return stop(value) ? value : DEFER;
  };
}

/** `a.b.c` as the one name CEL first looks for; undefined for anything but names and fields. */
function qualifiedName(expr: Expr): string | undefined {
  const kind = expr.exprKind;
  if (kind.case === 'identExpr') return kind.value.name;
  if (kind.case !== 'selectExpr' || kind.value.testOnly || !kind.value.operand) return undefined;
  const outer = qualifiedName(kind.value.operand);
  return outer === undefined ? undefined : `${outer}.${kind.value.field}`;
}

/** A macro's fold, as CEL runs it: the accumulator may hold an error that a later step absorbs. */
function fold(accuVar: string, iterVar: string, init: Fast, range: Fast, condition: Fast, step: Fast, result: Fast): Fast {
  return (bindings) => {
    const accu = init(bindings);
    if (stop(accu)) return accu;
    const over = range(bindings);
    if (stop(over)) return over;
    if (!isCelList(over) && !isCelMap(over)) return NO_VALUE;
    const items = isCelList(over) ? Array.from(over) : Array.from(over.keys());
    const scope = Object.create(bindings) as Record<string, unknown>;
    scope[accuVar] = accu;
    for (const item of items) {
      scope[iterVar] = item;
      const go = condition(scope as Bindings);
      if (stop(go)) return go;
      if (go !== true) break;
      const next = step(scope as Bindings);
      if (next === DEFER) return DEFER;
      scope[accuVar] = next;
    }
    const after = Object.create(bindings) as Record<string, unknown>;
    after[accuVar] = scope[accuVar];
    return result(after as Bindings);
  };
}

/** The fast form of an expression, or null when it uses something only CEL's plan evaluates. */
function fast(expr: Expr): Fast | null {
  const kind = expr.exprKind;
  if (kind.case === 'constExpr') {
    const constant = kind.value.constantKind;
    if (constant.case === 'nullValue') return () => null;
    if (constant.case === 'int64Value' || constant.case === 'doubleValue' || constant.case === 'stringValue' || constant.case === 'boolValue') {
      const value = constant.value;
      return () => value;
    }
    return null;
  }
  if (kind.case === 'identExpr') {
    const name = kind.value.name;
    return (bindings) => {
      const value: unknown = bindings[name];
      return isFastValue(value) || value === NO_VALUE ? value : DEFER;
    };
  }
  if (kind.case === 'selectExpr') {
    const operand = kind.value.operand && fast(kind.value.operand);
    return operand ? select(operand, kind.value.field, qualifiedName(expr), kind.value.testOnly) : null;
  }
  if (kind.case === 'listExpr') {
    if (kind.value.optionalIndices.length > 0) return null;
    const elements = kind.value.elements.map(fast);
    if (elements.some((element) => element === null)) return null;
    return (bindings) => {
      const values: unknown[] = [];
      for (const element of elements as Fast[]) {
        const value = element(bindings);
        if (stop(value)) return value;
        values.push(value);
      }
      return celList(values as CelInput[]);
    };
  }
  if (kind.case === 'comprehensionExpr') {
    const { accuVar, iterVar, iterVar2, accuInit, iterRange, loopCondition, loopStep, result } = kind.value;
    if (iterVar2 || !accuInit || !iterRange || !loopCondition || !loopStep || !result) return null;
    const parts = [accuInit, iterRange, loopCondition, loopStep, result].map(fast);
    if (parts.some((part) => part === null)) return null;
    const [init, range, condition, step, last] = parts as Fast[];
    return fold(accuVar, iterVar, init!, range!, condition!, step!, last!);
  }
  if (kind.case !== 'callExpr' || !OPERATORS.has(kind.value.function)) return null;
  const op = kind.value.function;
  if (kind.value.target !== undefined) {
    const target = op === 'size' && kind.value.args.length === 0 ? fast(kind.value.target) : null;
    return target && ((bindings) => size(target(bindings)));
  }
  const args = kind.value.args.map(fast);
  if (args.some((arg) => arg === null)) return null;
  const [a, b, c] = args as Fast[];
  if (op === 'size' && args.length === 1) return (bindings) => size(a!(bindings));
  if (op === 'sum' && args.length === 1) {
    return (bindings) => {
      const list = a!(bindings);
      return isCelList(list) ? sum(list) : stop(list) ? list : DEFER;
    };
  }
  if (op === '@not_strictly_false' && args.length === 1) {
    return (bindings) => {
      const value = a!(bindings);
      return value === DEFER ? DEFER : value !== false;
    };
  }
  if (op === 'has' && args.length === 1) {
    return (bindings) => {
      const value = a!(bindings);
      return stop(value) ? value : value !== null;
    };
  }
  if ((op === '!_' || op === '-_') && args.length === 1) {
    return (bindings) => {
      const value = a!(bindings);
      if (op === '!_') return typeof value === 'boolean' ? !value : stop(value) ? value : DEFER;
      return typeof value === 'bigint' ? int64(-value) : typeof value === 'number' ? -value : stop(value) ? value : DEFER;
    };
  }
  if (op === '_?_:_' && args.length === 3) {
    return (bindings) => {
      const condition = a!(bindings);
      return condition === true ? b!(bindings) : condition === false ? c!(bindings) : condition === DEFER ? DEFER : NO_VALUE;
    };
  }
  if (args.length !== 2) return null;
  if (op === '_&&_' || op === '_||_') {
    // As CEL: the first operand that decides wins, even over an error in the other; otherwise an error if either is one.
    const decides = op === '_||_';
    return (bindings) => {
      const left = a!(bindings);
      if (left === decides || left === DEFER) return left;
      const right = b!(bindings);
      if (right === decides || right === DEFER) return right;
      return typeof left === 'boolean' && typeof right === 'boolean' ? !decides : NO_VALUE;
    };
  }
  return (bindings) => {
    const left = a!(bindings);
    if (stop(left)) return left;
    const right = b!(bindings);
    if (stop(right)) return right;
    switch (op) {
      case '_==_':
        return equal(left, right);
      case '_!=_': {
        const same = equal(left, right);
        return same === DEFER ? DEFER : !same;
      }
      case '_<_':
      case '_<=_':
      case '_>_':
      case '_>=_':
        return compare(op, left, right);
      default:
        return arithmetic(op, left, right);
    }
  };
}

interface Compiled {
  readonly plan: Plan;
  readonly fast: Fast | null;
}

const plans = new Map<string, Compiled | null>();

/** The plan of an expression (and its fast form), made once per text; null when it does not parse. */
function compiled(text: string): Compiled | null {
  let found = plans.get(text);
  if (found === undefined) {
    try {
      const parsed = parse(text);
      found = { plan: plan(env, parsed) as Plan, fast: fast(parsed.expr) };
    } catch {
      found = null;
    }
    // Definitions are few and their expressions fixed: the cache stays small.
    if (plans.size > 50_000) plans.clear();
    plans.set(text, found);
  }
  return found;
}

/** The expression's value as CEL's own plan computes it, without the fast road: what `evaluate` must always agree with. */
export function evaluateWithCel(text: string, bindings: Bindings): unknown {
  const found = compiled(text);
  if (!found) return undefined;
  try {
    const value = found.plan(bindings);
    return isCelError(value) ? undefined : value;
  } catch {
    return undefined;
  }
}

/** The expression's value, or undefined when it cannot be evaluated (a syntax error, an empty item, a type that does not fit). */
export function evaluate(text: string, bindings: Bindings): unknown {
  const found = compiled(text);
  if (!found) return undefined;
  if (found.fast) {
    const value = found.fast(bindings);
    if (value === NO_VALUE) return undefined;
    if (value !== DEFER) return value;
  }
  return evaluateWithCel(text, bindings);
}

/** A CEL value as JSON: whole numbers as numbers, lists as arrays, maps as objects; what has no JSON form is null. */
export function toJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (isCelList(value)) return [...value].map(toJson);
  if (isCelMap(value)) return Object.fromEntries([...value].map(([key, item]) => [String(key), toJson(item)]));
  if (typeof value === 'object' && value !== null && 'value' in value && typeof (value as { value: unknown }).value === 'bigint') return Number((value as { value: bigint }).value);
  return null;
}
