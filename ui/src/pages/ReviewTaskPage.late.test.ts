import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeApi, signedIn } from '../test/fake-api';
import { CYCLE_ID, LFS, cycle, taskDetail } from '../test/fixtures';
import type { LateSubmission } from '../lib/late';
import type { CycleOverview } from '../lib/types';
import ReviewTaskPage from './ReviewTaskPage.svelte';

const UNIT = 'HH0100101';
const ID = `${CYCLE_ID}.${UNIT}`;

const late = (overrides: Partial<LateSubmission> = {}): LateSubmission => ({
  id: 'late-key-0001',
  taskId: ID,
  by: 'enum.hanoi',
  submittedAt: '2026-11-18T03:00:00.000Z',
  receivedAt: '2026-11-19T08:00:00.000Z',
  refusedWith: 'task.not_found',
  data: { members: 4, employed: 2, unemployed: 1 },
  explanations: {},
  status: 'received',
  acceptedBy: null,
  acceptedAt: null,
  ...overrides,
});

function renderPage(cycleStatus: CycleOverview['status'] = 'collecting') {
  let task = taskDetail(UNIT, { enumerator: 'enum.hanoi2', status: 'assigned' });
  let items = [late()];
  const server = fakeApi({
    [`GET /api/tasks/${ID}`]: () => ({ body: task }),
    [`GET /api/cycles/${CYCLE_ID}`]: { body: cycle({ status: cycleStatus }) },
    'GET /api/surveys/LFS': { body: LFS },
    [`GET /api/tasks/${ID}/late-submissions`]: () => ({ body: { items } }),
    [`POST /api/tasks/${ID}/late-submissions/late-key-0001/accept`]: () => {
      items = [late({ status: 'accepted', acceptedBy: 'sup.hanoi', acceptedAt: '2026-11-19T09:00:00.000Z' })];
      task = taskDetail(UNIT, { enumerator: 'enum.hanoi2', status: 'in_review', reviewLevel: 'commune', response: items[0]!.data, submissions: 1 });
      return { body: { id: ID, status: 'in_review', reviewLevel: 'commune', failed: [], warnings: [], late: items[0] } };
    },
  });
  render(ReviewTaskPage, { id: ID });
  return { server, user: userEvent.setup() };
}

describe('late submissions on the task', () => {
  beforeEach(() => signedIn('sup.hanoi', 'supervisor'));

  it('are shown with who sent them, why they came late and their answers, and one is accepted as the response', async () => {
    const { server, user } = renderPage();
    const card = await screen.findByTestId('late-submissions');
    expect(card).toHaveTextContent('enum.hanoi');
    expect(card).toHaveTextContent('nhiệm vụ đã được giao cho người khác');
    expect(within(card).getByText('Xem câu trả lời')).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: 'Chấp nhận làm câu trả lời' }));
    expect(server.calls.some((call) => call.method === 'POST' && call.url.includes('/accept'))).toBe(true);
    expect(await screen.findByText(/Đã chấp nhận bài nộp muộn/)).toBeInTheDocument();
    expect(card.querySelector('[data-late-status="accepted"]')).not.toBeNull();
    expect(within(card).queryByRole('button', { name: 'Chấp nhận làm câu trả lời' })).toBeNull();
  });

  it('cannot be accepted once the cycle is published, but stay visible', async () => {
    renderPage('published');
    const card = await screen.findByTestId('late-submissions');
    expect(card).toHaveTextContent('Chờ quyết định');
    expect(within(card).queryByRole('button', { name: 'Chấp nhận làm câu trả lời' })).toBeNull();
  });
});
