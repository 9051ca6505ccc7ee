import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateResponse } from '../domain/survey/evaluate.js';
import { questionnaireSchema } from '../domain/survey/questionnaire.js';
import { brokenResponseArbitrary, definitionArbitrary, responseArbitrary } from './helpers/questionnaire-arbitrary.js';
import { launchCycle, startTestSystem, type Api, type TestSystem } from './helpers/system.js';

/**
 * What the browser form says before submission is what the server decides: for generated
 * questionnaires and responses, the submit route refuses exactly the paths the evaluator
 * names, and stores exactly the data and the check results it computes.
 */

let system: TestSystem;
let manager: Api;
let enumerator: Api;

beforeAll(async () => {
  system = await startTestSystem();
  [manager, enumerator] = await Promise.all([system.login('manager'), system.login('enum.hanoi')]);
});

afterAll(async () => {
  await system?.stop();
});

const DEFINITIONS = 4;
const RESPONSES = 6;
let surveys = 0;

describe('the evaluator and the submit route agree', () => {
  it('on every generated questionnaire and response: the same refusals, the same stored data, the same checks', async () => {
    const seen = { refused: 0, accepted: 0 };
    const cases = fc.sample(fc.tuple(definitionArbitrary({ maxRosterDepth: 2 }), fc.integer()), { numRuns: DEFINITIONS, seed: 20261206 });
    for (const [definition, seed] of cases) {
      const code = `AGREE${++surveys}`;
      const created = await manager.post('/api/surveys', { ...definition, code, title: { vi: code, en: code }, kind: 'sample_survey', unitType: 'household', reviewLevels: ['commune'] });
      expect(created.statusCode, created.body).toBe(201);
      const questionnaire = questionnaireSchema.parse(definition);
      const cycle = await launchCycle(manager, { survey: code, period: '2026-12', areaCodes: ['01001'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
      const tasks = (await enumerator.get(`/api/cycles/${cycle.id}/tasks?limit=100`)).json<{ items: { id: string }[] }>().items.map((t) => t.id);
      const responses = [
        ...fc.sample(responseArbitrary(questionnaire), { numRuns: RESPONSES, seed }),
        ...fc.sample(brokenResponseArbitrary(questionnaire), { numRuns: 2, seed }).map((b) => b.answers),
      ];
      let open = 0;
      for (const generated of responses) {
        // As the wire carries it: JSON has no undefined, NaN or Infinity.
        const answers = JSON.parse(JSON.stringify(generated)) as Record<string, unknown>;
        const expected = evaluateResponse(questionnaire, answers);
        const task = tasks[open]!;
        const res = await enumerator.post(`/api/tasks/${task}/submit`, { data: answers });
        if (expected.errors.length > 0) {
          expect(res.statusCode, res.body).toBe(400);
          const paths = res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path).sort();
          expect(paths).toEqual(expected.errors.map((e) => `body.data.${e.path}`).sort());
          seen.refused++;
          continue;
        }
        expect(res.statusCode, res.body).toBe(200);
        const answer = res.json<{ failed: { id: string; row?: string }[]; warnings: { id: string; row?: string }[] }>();
        const key = (r: { id: string; row?: string }) => `${r.id}@${r.row ?? ''}`;
        expect(answer.failed.map(key)).toEqual(expected.failed.map(key));
        expect(answer.warnings.map(key)).toEqual(expected.warnings.map(key));
        const stored = (await enumerator.get(`/api/tasks/${task}`)).json<{ response: unknown }>().response;
        expect(stored).toEqual(expected.data);
        seen.accepted++;
        // A task in review takes no more submissions: the next accepted response goes to the next task.
        if (expected.failed.length === 0) open++;
        if (open >= tasks.length) break;
      }
    }
    // Both ways were exercised: refusals and accepted responses.
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.accepted).toBeGreaterThan(0);
  }, 300_000);
});
