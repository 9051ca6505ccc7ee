import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateResponse, type Evaluation } from '../../domain/survey/evaluate.js';
import { isRoster, levelItems, LIMITS, placeItems, questionnaireSchema, type Item, type QuestionnaireDefinition } from '../../domain/survey/questionnaire.js';
import { brokenResponseArbitrary, definitionArbitrary, placesOf, questionnaireArbitrary, responseArbitrary } from '../helpers/questionnaire-arbitrary.js';

const withResponse = questionnaireArbitrary().chain((q) => fc.tuple(fc.constant(q), responseArbitrary(q)));
const withBroken = questionnaireArbitrary().chain((q) => fc.tuple(fc.constant(q), brokenResponseArbitrary(q)));
const RUNS = { numRuns: 100 };

/** The value at an answer path such as `persons[2].hours`; undefined where there is none. */
function valueAt(data: unknown, path: string): unknown {
  let at: unknown = data;
  for (const part of path.split('.')) {
    const [, name, index] = /^(\w+)(?:\[(\d+)\])?$/.exec(part) ?? [];
    at = (at as Record<string, unknown> | undefined)?.[name!];
    if (index !== undefined) at = Array.isArray(at) ? at[Number(index) - 1] : undefined;
  }
  return at;
}

/** What a path's enclosing rows are (`persons[2].crops[1].`) and the item it names. */
const split = (path: string) => {
  const at = path.lastIndexOf('.');
  return { prefix: path.slice(0, at + 1), id: path.slice(at + 1).replace(/\[\d+\]$/, '') };
};

/** The roster a row prefix lies in (`persons[2].` → `persons`); '' at the top. */
const rosterOf = (prefix: string) => prefix.replace(/\[\d+\]\.$/, '');

const comparable = (result: Evaluation) => ({ ...result, states: [...result.states] });

function byId(q: QuestionnaireDefinition): Map<string, Item> {
  return new Map(placeItems(q.items).map(({ item }) => [item.id, item]));
}

describe('the arbitraries', () => {
  it('make definitions the schema takes', () => {
    fc.assert(
      fc.property(definitionArbitrary(), (definition) => {
        expect(questionnaireSchema.safeParse(definition).error?.issues ?? []).toEqual([]);
      }),
      RUNS,
    );
  });
});

describe('evaluating any response', () => {
  it('gives the same result every time', () => {
    fc.assert(
      fc.property(withBroken, ([q, { answers }]) => {
        expect(comparable(evaluateResponse(q, answers))).toEqual(comparable(evaluateResponse(q, structuredClone(answers))));
      }),
      RUNS,
    );
  });

  it('stores what, evaluated again, is stored as it is, with no refusal it did not already make', () => {
    fc.assert(
      fc.property(withBroken, ([q, { answers }]) => {
        const first = evaluateResponse(q, answers);
        const again = evaluateResponse(q, first.data);
        expect(again.data).toEqual(first.data);
        const before = new Set(first.errors.map((e) => e.path));
        expect(again.errors.filter((e) => !before.has(e.path))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('names by each refusal a place in the answers, or an item that is required or a roster', () => {
    fc.assert(
      fc.property(withBroken, ([q, { answers }]) => {
        const items = byId(q);
        for (const error of evaluateResponse(q, answers).errors) {
          if (valueAt(answers, error.path) !== undefined) continue;
          const { prefix, id } = split(error.path);
          const item = items.get(id);
          expect(item, error.path).toBeDefined();
          expect(prefix === '' || valueAt(answers, prefix.slice(0, -1)) !== undefined, error.path).toBe(true);
          expect((item && isRoster(item)) || (item && 'required' in item && item.required), `${error.path}: ${error.message}`).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('never stores the value of an item that is not asked', () => {
    fc.assert(
      fc.property(withResponse, ([q, answers]) => {
        const result = evaluateResponse(q, answers);
        for (const [path, state] of result.states) if (!state.relevant) expect(valueAt(result.data, path), path).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('stores every row given of a roster that is asked, and refuses none when their number is the size item’s', () => {
    fc.assert(
      fc.property(withResponse, ([q, answers]) => {
        const result = evaluateResponse(q, answers);
        const refused = new Set(result.errors.map((e) => e.path));
        for (const place of placesOf(q.items, answers)) {
          for (const roster of levelItems(place.items).filter(isRoster)) {
            const path = `${place.prefix}${roster.id}`;
            const given = place.record[roster.id];
            if (!Array.isArray(given) || result.states.get(path)?.relevant !== true) continue;
            expect((valueAt(result.data, path) as unknown[]).length, path).toBe(given.length);
            const size = roster.size === undefined ? undefined : valueAt(result.data, `${place.prefix}${roster.size}`);
            if (size === given.length && given.length <= roster.maxRows) expect(refused.has(path), path).toBe(false);
          }
        }
      }),
      RUNS,
    );
  });

  it('reports failed checks by severity, and the row of a scoped one', () => {
    fc.assert(
      fc.property(withResponse, ([q, answers]) => {
        const result = evaluateResponse(q, answers);
        const checks = new Map(q.checks.map((c) => [c.id, c]));
        for (const failed of result.failed) expect(checks.get(failed.id)?.severity).toBe('block');
        for (const check of [...result.failed, ...result.warnings]) expect(check.row !== undefined).toBe(checks.get(check.id)?.scope !== undefined);
      }),
      RUNS,
    );
  });
});

describe('evaluating a broken response', () => {
  it('refuses an answer of the wrong type, a key no item has, and a row count the size item does not give, where they are asked', () => {
    fc.assert(
      fc.property(withBroken, ([q, { answers, breakage }]) => {
        const result = evaluateResponse(q, answers);
        const refused = result.errors.map((e) => e.path);
        const { prefix } = split(breakage.path);
        const walked = prefix === '' || result.states.get(rosterOf(prefix))?.relevant === true;
        if (breakage.kind === 'wrong-type' && result.states.get(breakage.path)?.relevant) {
          expect(result.errors.length).toBeGreaterThan(0);
          expect(refused).toContain(breakage.path);
        }
        if (breakage.kind === 'unknown-key' && walked) expect(refused).toContain(breakage.path);
        if (breakage.kind === 'wrong-row-count' && result.states.get(breakage.path)?.relevant) {
          const size = valueAt(result.data, `${prefix}${breakage.size}`);
          const rows = valueAt(answers, breakage.path) as unknown[];
          if (typeof size === 'number' && size !== rows.length) expect(refused).toContain(breakage.path);
        }
      }),
      RUNS,
    );
  });
});

describe('the limits', () => {
  const free = (maxRows: number) =>
    questionnaireSchema.parse({ items: [{ type: 'roster', id: 'visits', maxRows, label: { vi: 'V', en: 'V' }, items: [{ id: 'day', type: 'integer', label: { vi: 'D', en: 'D' } }] }] });

  it('refuses more rows than a roster takes, and takes as many', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 3 }), (maxRows, over) => {
        const result = evaluateResponse(free(maxRows), { visits: Array.from({ length: maxRows + over }, (_, i) => ({ day: i })) });
        expect(result.errors).toEqual(over > 0 ? [{ path: 'visits', message: `must have at most ${maxRows} rows`, code: 'too_many_rows', params: { max: maxRows } }] : []);
      }),
      { numRuns: 40 },
    );
  });

  it(`refuses a response of more than ${LIMITS.rowsPerResponse} roster rows, and stores none of the rows past it`, () => {
    const q = questionnaireSchema.parse({
      items: ['a', 'b'].map((id) => ({ type: 'roster', id, maxRows: LIMITS.rowsPerResponse, label: { vi: id, en: id }, items: [{ id: `${id}_n`, type: 'integer', label: { vi: 'N', en: 'N' } }] })),
    });
    const rows = (n: number, id: string) => Array.from({ length: n }, (_, i) => ({ [`${id}_n`]: i }));
    const result = evaluateResponse(q, { a: rows(LIMITS.rowsPerResponse - 1, 'a'), b: rows(2, 'b') });
    expect(result.errors).toEqual([{ path: 'b', message: `takes the response over ${LIMITS.rowsPerResponse} roster rows`, code: 'too_many_response_rows', params: { max: LIMITS.rowsPerResponse } }]);
    expect(result.data.b).toBeUndefined();
    expect(evaluateResponse(q, { a: rows(LIMITS.rowsPerResponse - 1, 'a'), b: rows(1, 'b') }).errors).toEqual([]);
  });
});
