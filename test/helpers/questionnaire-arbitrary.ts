/**
 * fast-check arbitraries for version-2 questionnaires and for responses to them, shared by
 * the evaluator's property tests and by anything that must agree with the evaluator (the
 * server's routes). Every questionnaire passes `questionnaireSchema`; every expression reads
 * only items it can see that come before it in document order (so no calculation cycle, and
 * what is stored evaluates again to itself).
 */
import fc from 'fast-check';
import { isRoster, levelItems, QUESTION_TYPES, questionnaireSchema, type Item, type Question, type QuestionnaireDefinition, type QuestionType, type Roster } from '../../domain/survey/questionnaire.js';

const l = (text: string) => ({ vi: text, en: text });

/** The shared choice lists every generated questionnaire carries. */
export const CHOICE_LISTS = {
  yn: [{ value: 'y', label: l('Yes') }, { value: 'n', label: l('No') }],
  colour: [{ value: 'red', label: l('Red') }, { value: 'green', label: l('Green') }, { value: 'blue', label: l('Blue') }],
} as const;
const INLINE_CHOICES = [{ value: 'a', label: l('A') }, { value: 'b', label: l('B') }, { value: 'c', label: l('C') }];

type QuestionShape = { kind: 'question'; type: QuestionType; required: boolean; relevant: number | null; constraint: number | null; seed: number };
type SectionShape = { kind: 'section'; relevant: number | null; items: Shape[] };
type RosterShape = { kind: 'roster'; sized: boolean; maxRows: number; relevant: number | null; items: Shape[] };
type Shape = QuestionShape | SectionShape | RosterShape;

const seed = fc.option(fc.nat(), { nil: null, freq: 2 });
const questionShape: fc.Arbitrary<Shape> = fc.record({ kind: fc.constant('question' as const), type: fc.constantFrom(...QUESTION_TYPES), required: fc.boolean(), relevant: seed, constraint: seed, seed: fc.nat() });

function shapes(rosterDepth: number, sectionDepth: number, maxRosterDepth: number): fc.Arbitrary<Shape[]> {
  const options: fc.WeightedArbitrary<Shape>[] = [{ arbitrary: questionShape, weight: 6 }];
  if (sectionDepth < 2) options.push({ arbitrary: fc.record({ kind: fc.constant('section' as const), relevant: seed, items: shapes(rosterDepth, sectionDepth + 1, maxRosterDepth) }), weight: 1 });
  if (rosterDepth < maxRosterDepth) {
    const roster = fc.record({ kind: fc.constant('roster' as const), sized: fc.boolean(), maxRows: fc.integer({ min: 1, max: 3 }), relevant: seed, items: shapes(rosterDepth + 1, sectionDepth, maxRosterDepth) });
    options.push({ arbitrary: roster, weight: 3 });
  }
  return fc.array(fc.oneof(...options), { minLength: 1, maxLength: 4 });
}

/** An item an expression may read: a question (with its type) or a roster already walked (with its row's questions). */
interface Visible {
  readonly id: string;
  readonly type: QuestionType | 'roster';
  readonly fields?: readonly Visible[];
}

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;

/** A condition on one earlier item, chosen by `n`: what relevance, constraints and checks say. */
function condition(n: number, visible: readonly Visible[], inRoster: boolean): string {
  if (visible.length === 0) return inRoster ? `_row <= ${1 + (n % 2)}` : n % 2 ? 'true' : '1 < 2';
  const item = pick(visible, n);
  const k = Math.floor(n / visible.length) % 5;
  const one = ((): string => {
    switch (item.type) {
      case 'integer':
        return pick([`${item.id} >= ${k}`, `${item.id} + 1 > ${k * 10}`, `!has(${item.id}) || ${item.id} % 2 == 0`], k);
      case 'decimal':
        return pick([`${item.id} > ${k}.5`, `${item.id} * 2.0 <= ${k * 20}.0`], k);
      case 'text':
        return pick([`${item.id} != ''`, `size(${item.id}) > ${k % 3}`], k);
      case 'select_one':
        return pick([`${item.id} == 'a'`, `${item.id} == 'y'`, `${item.id} != 'red'`], k);
      case 'select_multiple':
        return pick([`'a' in ${item.id}`, `size(${item.id}) > ${k % 2}`], k);
      case 'boolean':
        return pick([item.id, `!${item.id}`], k);
      case 'date':
        return `${item.id} > '20${10 + k}-01-01'`;
      case 'geopoint':
        return pick([`${item.id}.lat > 0.0`, `has(${item.id})`], k);
      case 'roster': {
        const field = item.fields?.find((f) => f.type !== 'roster');
        return field && k % 2 ? `${item.id}.exists(r, has(r.${field.id}))` : `size(${item.id}) ${pick(['>', '<=', '=='], k)} ${k % 3}`;
      }
      default:
        return `has(${item.id})`;
    }
  })();
  return inRoster && k === 4 ? `${one} && _row > 0` : one;
}

/** A calculation from one earlier item, chosen by `n`. */
function calculation(n: number, visible: readonly Visible[]): string {
  if (visible.length === 0) return String(n % 7);
  const item = pick(visible, n);
  switch (item.type) {
    case 'integer':
      return `${item.id} * 2 + 1`;
    case 'decimal':
      return `${item.id} / 2.0`;
    case 'text':
      return `size(${item.id})`;
    case 'boolean':
      return `${item.id} ? 1 : 0`;
    case 'roster':
      return `size(${item.id})`;
    default:
      return `has(${item.id})`;
  }
}

/** Turns shapes into a definition: ids, expressions over earlier items, sizes, and the checks. */
function build(top: Shape[], checkSeeds: number[]): Record<string, unknown> {
  let counter = 0;
  const scopes: { roster: string | null; visible: Visible[] }[] = [];
  const level = (nodes: Shape[], enclosing: readonly Visible[], inRoster: boolean, own: Visible[]): Record<string, unknown>[] => {
    const out: Record<string, unknown>[] = [];
    const seen = () => [...enclosing, ...own];
    for (const node of nodes) {
      const id = `${node.kind[0]}${++counter}`;
      const relevant = node.relevant === null ? {} : { relevant: condition(node.relevant, seen(), inRoster) };
      if (node.kind === 'section') {
        out.push({ type: 'section', id, label: l(id), ...relevant, items: level(node.items, enclosing, inRoster, own) });
      } else if (node.kind === 'roster') {
        let size: { size?: string } = {};
        if (node.sized) {
          const sizeId = `n${++counter}`;
          out.push({ id: sizeId, type: 'integer', min: 0, max: node.maxRows, label: l(sizeId) });
          own.push({ id: sizeId, type: 'integer' });
          size = { size: sizeId };
        }
        const rowItems: Visible[] = [];
        const items = level(node.items, seen(), true, rowItems);
        scopes.push({ roster: id, visible: [...seen(), ...rowItems] });
        out.push({ type: 'roster', id, label: l(id), maxRows: node.maxRows, ...size, ...relevant, items });
        own.push({ id, type: 'roster', fields: rowItems });
      } else {
        out.push(question(id, node, seen(), inRoster));
        own.push({ id, type: node.type });
      }
    }
    return out;
  };
  const topVisible: Visible[] = [];
  const items = level(top, [], false, topVisible);
  scopes.unshift({ roster: null, visible: topVisible });
  const checks = checkSeeds.map((n, i) => {
    const scope = pick(scopes, n);
    return { id: `check${i}`, expression: condition(Math.floor(n / scopes.length), scope.visible, scope.roster !== null), severity: n % 2 ? 'warn' : 'block', message: l(`Check ${i}`), ...(scope.roster ? { scope: scope.roster } : {}) };
  });
  return { choiceLists: CHOICE_LISTS, items, checks };
}

function question(id: string, node: QuestionShape, visible: readonly Visible[], inRoster: boolean): Record<string, unknown> {
  const q: Record<string, unknown> = { id, type: node.type, label: l(id) };
  if (node.relevant !== null) q.relevant = condition(node.relevant, visible, inRoster);
  if (node.type === 'calculate') return { ...q, expression: calculation(node.seed, visible) };
  if (node.type === 'note') return q;
  if (node.required) q.required = true;
  if (node.type === 'integer') Object.assign(q, { min: node.seed % 3 === 0 ? -10 : 0, max: 50 + (node.seed % 50) });
  if (node.type === 'decimal' && node.seed % 2) Object.assign(q, { min: 0, max: 1000 });
  if (node.type === 'text' && node.seed % 3 === 0) q.maxLength = 6;
  if (node.type === 'select_one' || node.type === 'select_multiple') q.choices = pick(['yn', 'colour', INLINE_CHOICES], node.seed);
  if (node.constraint !== null) q.constraint = condition(node.constraint, [...visible, { id, type: node.type }], inRoster);
  return q;
}

/** Raw definitions (what a client sends), each passing `questionnaireSchema`; rosters nest up to `maxRosterDepth` (3 by default). */
export function definitionArbitrary({ maxRosterDepth = 3 }: { maxRosterDepth?: number } = {}): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(shapes(0, 0, maxRosterDepth), fc.array(fc.nat(), { maxLength: 4 })).map(([top, checks]) => build(top, checks));
}

/** Parsed questionnaires, as the evaluator takes them. */
export function questionnaireArbitrary(options?: { maxRosterDepth?: number }): fc.Arbitrary<QuestionnaireDefinition> {
  return definitionArbitrary(options).map((definition) => questionnaireSchema.parse(definition));
}

type Lists = QuestionnaireDefinition['choiceLists'];
const choiceValues = (q: Question, lists: Lists) => (typeof q.choices === 'string' ? (lists[q.choices] ?? []) : (q.choices ?? [])).map((c) => c.value);
const day = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });

/** An answer of the question's type (a range may be missed by one, a text may be too long: valid-ish). */
function answerArbitrary(q: Question, lists: Lists): fc.Arbitrary<unknown> {
  switch (q.type) {
    case 'integer':
      return fc.integer({ min: (q.min ?? -5) - 1, max: (q.max ?? 100) + 1 });
    case 'decimal':
      return fc.double({ min: q.min ?? -100, max: q.max ?? 1000, noNaN: true, noDefaultInfinity: true });
    case 'text':
      return fc.string({ maxLength: 8 });
    case 'select_one':
      return fc.constantFrom(...choiceValues(q, lists));
    case 'select_multiple':
      return fc.subarray(choiceValues(q, lists));
    case 'date':
      return day.map((d) => d.toISOString().slice(0, 10));
    case 'time':
      return fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    case 'datetime':
      return day.map((d) => d.toISOString());
    case 'boolean':
      return fc.boolean();
    case 'geopoint':
      return fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }), lon: fc.double({ min: -180, max: 180, noNaN: true }), accuracy: fc.double({ min: 0, max: 50, noNaN: true }) }, { requiredKeys: ['lat', 'lon'] });
    case 'calculate':
      // Sent or not, a calculation is made again.
      return fc.integer();
    case 'note':
      return fc.constant(undefined);
  }
}

function levelArbitrary(items: readonly Item[], lists: Lists, outer: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const level = levelItems(items);
  const questions = level.filter((i): i is Question => !isRoster(i) && i.type !== 'note');
  const rosters = level.filter(isRoster);
  const own = fc.record(Object.fromEntries(questions.map((q) => [q.id, answerArbitrary(q, lists)])), { requiredKeys: [] });
  return own.chain((answers) => {
    const seen = { ...outer, ...answers };
    const rows = rosters.map((r) => fc.option(rowsArbitrary(r, lists, seen), { nil: undefined, freq: 8 }).map((value) => [r.id, value] as const));
    return fc.tuple(...rows).map((entries) => ({ ...answers, ...Object.fromEntries(entries.filter(([, value]) => value !== undefined)) }));
  });
}

function rowsArbitrary(roster: Roster, lists: Lists, seen: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>[]> {
  const size = roster.size === undefined ? undefined : seen[roster.size];
  const fixed = typeof size === 'number' && Number.isInteger(size) && size >= 0 && size <= roster.maxRows ? size : undefined;
  const count = fixed === undefined ? fc.integer({ min: 0, max: Math.min(roster.maxRows, 3) }) : fc.constant(fixed);
  return count.chain((n) => fc.tuple(...Array.from({ length: n }, () => levelArbitrary(roster.items, lists, seen))));
}

/** Responses of the right shape and types (rows as many as the size item says when it is valid), with values for irrelevant items, out-of-range numbers and missing required answers among them. */
export function responseArbitrary(questionnaire: QuestionnaireDefinition): fc.Arbitrary<Record<string, unknown>> {
  return levelArbitrary(questionnaire.items, questionnaire.choiceLists, {});
}

export type Breakage = { kind: 'wrong-type'; path: string; type: QuestionType } | { kind: 'unknown-key'; path: string } | { kind: 'wrong-row-count'; path: string; size: string };

/** A value no item of `type` takes. */
export const WRONG_VALUE: Readonly<Record<QuestionType, unknown>> = {
  integer: 'seven', decimal: '1.5', text: 12, select_one: 'zz', select_multiple: 'a', date: '2021-02-30', time: '25:00',
  datetime: '2026-12-06T09:00:00', boolean: 'yes', geopoint: { lat: 91, lon: 0 }, calculate: undefined, note: 'a note takes nothing',
};

interface Place {
  readonly record: Record<string, unknown>;
  readonly prefix: string;
  readonly items: readonly Item[];
}

/** Every answered level of a response: the top and each row, with its path prefix. */
export function placesOf(items: readonly Item[], answers: Record<string, unknown>, prefix = ''): Place[] {
  const places: Place[] = [{ record: answers, prefix, items }];
  for (const roster of levelItems(items).filter(isRoster)) {
    const rows = answers[roster.id];
    if (Array.isArray(rows)) rows.forEach((row, i) => places.push(...placesOf(roster.items, row as Record<string, unknown>, `${prefix}${roster.id}[${i + 1}].`)));
  }
  return places;
}

/** A valid-ish response broken in one place, and where: an answer of the wrong type, a key no item has, or a row too many or too few. */
export function brokenResponseArbitrary(questionnaire: QuestionnaireDefinition): fc.Arbitrary<{ answers: Record<string, unknown>; breakage: Breakage }> {
  return fc.tuple(responseArbitrary(questionnaire), fc.constantFrom('wrong-type', 'unknown-key', 'wrong-row-count'), fc.nat()).map(([given, kind, n]) => {
    const answers = structuredClone(given);
    const places = placesOf(questionnaire.items, answers);
    if (kind === 'wrong-type') {
      const slots = places.flatMap((p) => levelItems(p.items).filter((i): i is Question => !isRoster(i) && i.type !== 'calculate').map((q) => ({ p, q })));
      if (slots.length > 0) {
        const { p, q } = pick(slots, n);
        p.record[q.id] = WRONG_VALUE[q.type];
        return { answers, breakage: { kind, path: `${p.prefix}${q.id}`, type: q.type } };
      }
    }
    if (kind === 'wrong-row-count') {
      const sized = places.flatMap((p) => levelItems(p.items).filter((i): i is Roster & { size: string } => isRoster(i) && i.size !== undefined && Array.isArray(p.record[i.id])).map((r) => ({ p, r })));
      if (sized.length > 0) {
        const { p, r } = pick(sized, n);
        const rows = p.record[r.id] as unknown[];
        if (rows.length > 0 && n % 2) rows.pop();
        else rows.push({});
        return { answers, breakage: { kind, path: `${p.prefix}${r.id}`, size: r.size } };
      }
    }
    const place = pick(places, n);
    place.record.unknown_key = 1;
    return { answers, breakage: { kind: 'unknown-key' as const, path: `${place.prefix}unknown_key` } };
  });
}
