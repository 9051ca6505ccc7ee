import { describe, expect, it } from 'vitest';
import { evaluateResponse } from '../../../domain/survey/evaluate.js';
import { FARM, LFS_V2, lfsAnswers } from '../test/questionnaire-fixtures';
import { buildSteps, explanationsToSend, openProblems, sameState, statesWithRosterProblems, stepOfIds, syncEntries, syncRosterRows } from './questionnaire-form';

describe('steps', () => {
  it('makes each top-level section a step and each run of loose items another', () => {
    const steps = buildSteps(LFS_V2.items);
    expect(steps.map((s) => s.label?.en ?? null)).toEqual(['Household', 'Household members list']);
    expect(stepOfIds(steps).get('members')).toBe(0);
    expect(stepOfIds(steps).get('employed')).toBe(1);
    expect(buildSteps(FARM.items)).toHaveLength(1);
  });
});

describe('rows that follow their size', () => {
  it('adds and cuts rows, and gives back what was typed when the size goes up again', () => {
    const answers: Record<string, unknown> & { persons?: Record<string, unknown>[] } = { members: 3 };
    const dropped = new WeakMap<object, Map<string, Record<string, unknown>[]>>();
    syncRosterRows(LFS_V2.items, answers, dropped);
    expect(answers.persons).toEqual([{}, {}, {}]);
    answers.persons![2]!.name = 'Lan';
    answers.members = 2;
    syncRosterRows(LFS_V2.items, answers, dropped);
    expect(answers.persons).toEqual([{}, {}]);
    answers.members = 3;
    syncRosterRows(LFS_V2.items, answers, dropped);
    expect(answers.persons).toEqual([{}, {}, { name: 'Lan' }]);
  });

  it('leaves the rows alone while the size is blank or not a count', () => {
    const answers: Record<string, unknown> = { members: 'ba', persons: [{ name: 'An' }] };
    syncRosterRows(LFS_V2.items, answers, new WeakMap());
    expect(answers.persons).toEqual([{ name: 'An' }]);
  });
});

describe('what stops a submission', () => {
  it('lists refused answers, then failed block checks, then warnings nobody explained', () => {
    const answers = lfsAnswers(2);
    answers.persons[1]!.hours = 90;
    answers.persons[0]!.age = 'old';
    const evaluation = evaluateResponse(LFS_V2, answers);
    expect(openProblems(evaluation, {}).map((p) => p.target)).toEqual(['q-persons-1--age', 'q-check-long_hours-persons-2-']);
    expect(openProblems(evaluation, { 'long_hours@persons[2]': 'Mùa vụ' })).toHaveLength(1);
  });

  it('sends only the explanations of warnings failing now', () => {
    const answers = lfsAnswers(2);
    answers.persons[1]!.hours = 90;
    const evaluation = evaluateResponse(LFS_V2, answers);
    expect(explanationsToSend(evaluation, { 'long_hours@persons[2]': ' Mùa vụ ', 'long_hours@persons[1]': 'cũ' })).toEqual({ 'long_hours@persons[2]': 'Mùa vụ' });
  });
});

describe('publishing states', () => {
  it('writes only the entries that changed, and drops the ones gone', () => {
    const target = new Map([
      ['a', { relevant: true }],
      ['b', { relevant: true, problem: 'is required' }],
      ['gone', { relevant: true }],
    ]);
    const kept = target.get('b');
    syncEntries(target, new Map([['a', { relevant: false }], ['b', { relevant: true, problem: 'is required' }]]), sameState);
    expect([...target.keys()]).toEqual(['a', 'b']);
    expect(target.get('a')).toEqual({ relevant: false });
    expect(target.get('b')).toBe(kept);
  });

  it('puts a roster’s own problem on the roster’s state', () => {
    const evaluation = evaluateResponse(LFS_V2, { members: 2, persons: [{}] });
    expect(statesWithRosterProblems(evaluation).get('persons')?.problem).toMatch(/^must have 2 rows/);
  });
});
