import { celEnv, celFunc, CelScalar, isCelError, isCelList, isCelMap, listType, parse, plan, type CelInput } from '@bufbuild/cel';

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

const plans = new Map<string, Plan | null>();

/** The plan of an expression, made once per text; null when it does not parse. */
function planOf(text: string): Plan | null {
  let planned = plans.get(text);
  if (planned === undefined) {
    try {
      planned = plan(env, parse(text)) as Plan;
    } catch {
      planned = null;
    }
    // Definitions are few and their expressions fixed: the cache stays small.
    if (plans.size > 50_000) plans.clear();
    plans.set(text, planned);
  }
  return planned;
}

/** The expression's value, or undefined when it cannot be evaluated (a syntax error, an empty item, a type that does not fit). */
export function evaluate(text: string, bindings: Bindings): unknown {
  const planned = planOf(text);
  if (!planned) return undefined;
  try {
    const value = planned(bindings);
    return isCelError(value) ? undefined : value;
  } catch {
    return undefined;
  }
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
