import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { fakeApi, signedIn } from '../test/fake-api';
import { CYCLE_ID, LFS, cycle, taskDetail } from '../test/fixtures';
import type { TaskDetail } from '../lib/types';
import ReviewTaskPage from './ReviewTaskPage.svelte';
import TaskPage from './TaskPage.svelte';

const UNIT = 'HH0100101';
const ID = `${CYCLE_ID}.${UNIT}`;
const NAMED = { unitName: 'Hộ Trần Văn Hùng', unitAddress: 'Thôn 1, Xã Hà Nội 1', areaName: 'Xã Hà Nội 1' };

function serve(task: TaskDetail) {
  fakeApi({
    [`GET /api/tasks/${ID}`]: { body: task },
    [`GET /api/cycles/${CYCLE_ID}`]: { body: cycle() },
    'GET /api/surveys/LFS': { body: LFS },
    [`GET /api/cycles/${CYCLE_ID}/tasks`]: { body: { items: [], nextCursor: null } },
  });
}

describe('a task’s page, by the names of its unit and area', () => {
  it('heads the enumerator’s page with the unit’s name and lists its address, code and area in the facts', async () => {
    signedIn('enum.hanoi', 'enumerator');
    serve(taskDetail(UNIT, NAMED));
    render(TaskPage, { id: ID });
    expect(await screen.findByRole('heading', { level: 1, name: 'Nhiệm vụ Hộ Trần Văn Hùng' })).toBeInTheDocument();
    const unit = screen.getByTestId('task-unit');
    expect(unit).toHaveTextContent(/^Hộ Trần Văn Hùng\s*Thôn 1, Xã Hà Nội 1\s*HH0100101$/);
    expect(unit.previousElementSibling).toHaveTextContent('Đơn vị điều tra');
    expect(screen.getByTestId('task-area')).toHaveTextContent(/^Xã Hà Nội 1\s*01001$/);
  });

  it('heads the review page with the unit’s name, in English too', async () => {
    signedIn('sup.hanoi', 'supervisor', ['01'], 'en');
    serve(taskDetail(UNIT, { ...NAMED, status: 'in_review', reviewLevel: 'commune', response: { members: 2 }, submissions: 1 }));
    render(ReviewTaskPage, { id: ID });
    expect(await screen.findByRole('heading', { level: 1, name: 'Review task Hộ Trần Văn Hùng' })).toBeInTheDocument();
    expect(screen.getByTestId('task-unit').previousElementSibling).toHaveTextContent('Unit');
    expect(screen.getByTestId('task-unit')).toHaveTextContent('Thôn 1, Xã Hà Nội 1');
    expect(screen.getByTestId('task-area')).toHaveTextContent(/^Xã Hà Nội 1\s*01001$/);
  });

  it('names the enumerator by their full name, the username beside it', async () => {
    signedIn('sup.hanoi', 'supervisor', ['01']);
    serve(taskDetail(UNIT, { ...NAMED, enumeratorName: 'Phạm Quốc Bảo', status: 'in_review', reviewLevel: 'commune', response: { members: 2 }, submissions: 1 }));
    render(ReviewTaskPage, { id: ID });
    expect(await screen.findByTestId('task-enumerator')).toHaveTextContent(/^Phạm Quốc Bảo\s*enum\.hanoi$/);
  });

  it('falls back on the codes for a unit the frame does not hold', async () => {
    signedIn('enum.hanoi', 'enumerator');
    serve(taskDetail(UNIT));
    render(TaskPage, { id: ID });
    expect(await screen.findByTestId('task-unit')).toHaveTextContent(/^HH0100101$/);
    expect(screen.getByRole('heading', { level: 1, name: 'Nhiệm vụ HH0100101' })).toBeInTheDocument();
    expect(screen.getByTestId('task-area')).toHaveTextContent(/^01001$/);
  });
});
