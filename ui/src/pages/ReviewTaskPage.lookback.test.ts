import { render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeApi, signedIn } from '../test/fake-api';
import { CYCLE_ID, LFS, cycle, taskDetail } from '../test/fixtures';
import type { TaskDetail } from '../lib/types';
import ReviewTaskPage from './ReviewTaskPage.svelte';

const UNIT = 'HH0100101';
const ID = `${CYCLE_ID}.${UNIT}`;

function renderPage(lookBack: TaskDetail['lookBack']) {
  const task = taskDetail(UNIT, { status: 'in_review', reviewLevel: 'commune', response: { members: 3, employed: 1, unemployed: 0 }, submissions: 1, lookBack });
  fakeApi({
    [`GET /api/tasks/${ID}`]: { body: task },
    [`GET /api/cycles/${CYCLE_ID}`]: { body: cycle() },
    'GET /api/surveys/LFS': { body: LFS },
    [`GET /api/tasks/${ID}/late-submissions`]: { body: { items: [] } },
  });
  render(ReviewTaskPage, { id: ID });
}

describe('what the checks looked back at, beside the answers', () => {
  beforeEach(() => signedIn('sup.hanoi', 'supervisor'));

  it('shows the unit’s attributes and the previous approved response', async () => {
    renderPage({ unit: { size: 'small', turnover2025: 1250.5 }, previous: { members: 2, employed: 1, unemployed: 0 } });
    const card = await screen.findByTestId('look-back');
    expect(within(card).getByRole('heading', { name: 'Đối chiếu' })).toBeInTheDocument();
    expect(card).toHaveTextContent('unit.size');
    expect(card).toHaveTextContent('small');
    expect(card).toHaveTextContent('1.250,5');
    expect(within(card).getByTestId('look-back-previous')).toHaveTextContent(/Số nhân khẩu\s*2/);
  });

  it('says when the previous period has nothing, and shows nothing at all when neither is there', async () => {
    renderPage({ unit: { size: 'large' }, previous: null });
    expect(await screen.findByTestId('look-back')).toHaveTextContent('Kỳ trước không có câu trả lời đã duyệt của đơn vị này.');
  });

  it('is absent for a unit with neither', async () => {
    renderPage({ unit: {}, previous: null });
    await screen.findByTestId('response');
    expect(screen.queryByTestId('look-back')).toBeNull();
  });
});
