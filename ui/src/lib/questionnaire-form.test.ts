import { describe, expect, it } from 'vitest';
import { evaluateResponse } from '../../../domain/survey/evaluate.js';
import { FARM, LFS_V2, lfsAnswers } from '../test/questionnaire-fixtures';
import { buildSteps, checksByRow, explanationsToSend, openProblems, rowsOf, sameState, shownStates, stepOfIds, syncEntries, syncRosterRows } from './questionnaire-form';

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
    expect(shownStates(evaluation, () => true).get('persons')?.problem).toMatch(/^must have 2 rows/);
  });

  it('publishes a problem only where it shows, every other state as the evaluator gives it', () => {
    const evaluation = evaluateResponse(LFS_V2, { members: 2, persons: [{}, { age: 'old' }] });
    const states = shownStates(evaluation, (path) => path === 'persons[2].age');
    expect(states.get('persons[2].age')?.problem).toBeDefined();
    expect(states.get('persons[1].name')).toEqual({ relevant: true });
    expect(states.get('persons')).toEqual({ relevant: true });
    expect([...states.keys()]).toEqual([...evaluation.states.keys()]);
    expect(shownStates(evaluation, () => true).get('persons[1].name')).toBe(evaluation.states.get('persons[1].name'));
  });

  it('gives every row and the whole form an entry of checks, empty where none shows', () => {
    const answers = lfsAnswers(2);
    answers.persons[1]!.hours = 90;
    const evaluation = evaluateResponse(LFS_V2, answers);
    const rows = rowsOf(evaluation.states.keys());
    expect([...rows]).toEqual(['persons[1]', 'persons[2]']);
    const checks = checksByRow(evaluation.warnings, rows);
    expect([...checks.keys()]).toEqual(['', 'persons[1]', 'persons[2]']);
    expect(checks.get('persons[2]')?.map((r) => r.id)).toEqual(['long_hours']);
    expect(checks.get('persons[1]')).toEqual([]);
    expect([...rowsOf(['persons[1].name', 'persons[10].name', 'plots[1].crops', 'plots[1].crops[2].crop', 'plots[1].area'])]).toEqual(['persons[1]', 'persons[10]', 'plots[1]', 'plots[1].crops[2]']);
  });
});
