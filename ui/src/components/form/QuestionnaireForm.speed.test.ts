import { screen } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import type { Questionnaire } from '../../../../domain/survey/evaluate.js';
import type { Item } from '../../../../domain/survey/questionnaire.js';
import { setLocale } from '../../i18n/index.svelte';
import { LFS_V2, lfsAnswers } from '../../test/questionnaire-fixtures';
import { renderForm, rowsOf } from './test-helpers';

/** The labour force questionnaire with room for 200 people. */
const LARGE: Questionnaire = {
  ...LFS_V2,
  items: LFS_V2.items.map((item): Item => {
    if (item.type === 'roster') return { ...item, maxRows: 200 };
    if (item.type !== 'section') return item;
    return { ...item, items: item.items.map((inner) => (inner.id === 'members' && inner.type !== 'section' && inner.type !== 'roster' ? { ...inner, max: 200 } : inner)) };
  }),
};

// Measured under jsdom in Svelte's dev mode, on a busy machine: 30–75 ms from one input event
// to the DOM updated with 200 rows (1,200 fields); about 15 ms of it is copying the answers and
// 8–12 ms the evaluator's pass over the whole response. Waking every field's derived state on
// each key would add some 150 ms more; the form rewrites only the states that changed. Timings
// swing with the machine's load, so this test asserts what makes them: a keystroke touches the
// DOM of the one cell typed in, never another row's. Most of its run time is jsdom inserting
// 400 radio buttons into one form (jsdom scans the whole form for each); browsers do not.
it('typing into a 200-row roster touches the DOM of the cell typed in and nothing else', async () => {
  setLocale('vi');
  const { user, bound } = renderForm(LARGE, lfsAnswers(200));
  await user.click(screen.getByRole('button', { name: 'Phần sau' }));
  // By id: a role query computes the accessible name of 1,200 fields, seconds under jsdom.
  const target = document.getElementById('q-persons-150--name') as HTMLInputElement;
  expect(target).toHaveAccessibleName('Họ và tên (Dòng 150)');
  await user.clear(target);

  const changed = new Set<Node>();
  const observer = new MutationObserver((records) => records.forEach((record) => changed.add(record.target)));
  observer.observe(target.closest('table')!, { subtree: true, childList: true, attributes: true, characterData: true });
  await user.type(target, 'Nguyễn Văn Bình');
  await Promise.resolve();
  observer.disconnect();

  expect(rowsOf(bound.answers, 'persons')[149]?.name).toBe('Nguyễn Văn Bình');
  // Only the typed cell changes (its problem came and went); no other row's DOM is touched.
  const others = [...changed].filter((node) => !target.closest('td')?.contains(node));
  expect(others).toHaveLength(0);
}, 60_000);
