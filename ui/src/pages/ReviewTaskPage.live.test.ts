import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import { replace } from '../lib/router.svelte';
import { fakeApi, signedIn } from '../test/fake-api';
import { CYCLE_ID, LFS, cycle, taskDetail, taskItem } from '../test/fixtures';

const UNIT = 'HH0100101';
const ID = `${CYCLE_ID}.${UNIT}`;

beforeEach(() => {
  signedIn('sup.hanoi', 'supervisor');
  replace(`/supervise?cycle=${CYCLE_ID}`);
});

afterEach(() => vi.restoreAllMocks());

describe('the review page after a live update', () => {
  it('opens while the list is still reloading, without Svelte warning about a destroyed page', async () => {
    const warnings: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(' ')));
    // The list's first load answers at once; the reload a live update asks for answers once the review page is open.
    let answer: () => void = () => {};
    const held = new Promise<void>((resolve) => (answer = resolve));
    let loads = 0;
    const server = fakeApi({
      'GET /api/cycles': { body: { items: [cycle()], nextCursor: null } },
      [`GET /api/cycles/${CYCLE_ID}/tasks`]: async () => {
        loads += 1;
        if (loads > 1) await held;
        return { body: { items: [taskItem(UNIT, { status: 'in_review', reviewLevel: 'commune' })], nextCursor: null } };
      },
      'GET /api/areas': { body: { items: [] } },
      [`GET /api/tasks/${ID}`]: { body: taskDetail(UNIT, { status: 'in_review', reviewLevel: 'commune' }) },
      [`GET /api/cycles/${CYCLE_ID}`]: { body: cycle() },
      'GET /api/surveys/LFS': { body: LFS },
      'GET /api/enumerators': { body: { items: [], nextCursor: null } },
    });
    const user = userEvent.setup();
    render(App);
    const link = await screen.findByRole('link', { name: UNIT });
    await vi.waitFor(() => expect(screen.getByTestId('live-indicator')).toBeInTheDocument());

    server.push(cycle({ counts: { assigned: 1, checks_failed: 0, in_review: 1, rejected: 0, approved: 0, non_response: 0, cancelled: 0 } }));
    await vi.waitFor(() => expect(loads).toBe(2));
    await user.click(link);
    expect(await screen.findByTestId('review-panel')).toBeInTheDocument();
    answer();
    await held;
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(`Duyệt nhiệm vụ ${UNIT}`);
    expect(warnings.filter((w) => w.includes('derived_inert'))).toEqual([]);
  });
});
