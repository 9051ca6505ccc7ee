import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { syncCopy } from '../lib/offline/sync';
import { fakeApi, signedIn } from '../test/fake-api';
import { CYCLE_ID, LFS, cycle, taskDetail, taskItem } from '../test/fixtures';
import TaskPage from './TaskPage.svelte';

const TASK = taskItem('HH0100101', { unitName: 'Hộ Trần Văn Hùng' });

afterEach(() => vi.restoreAllMocks());

describe('a task opened with no network', () => {
  it('opens from the device’s copy, says so, and can be filled in', async () => {
    signedIn('enum.taskpage', 'enumerator');
    fakeApi({
      'GET /api/cycles': { body: { items: [cycle()], nextCursor: null } },
      [`GET /api/cycles/${CYCLE_ID}/tasks`]: { body: { items: [TASK], nextCursor: null } },
      [`GET /api/tasks/${TASK.id}`]: { body: taskDetail('HH0100101', { unitName: 'Hộ Trần Văn Hùng' }) },
      'GET /api/surveys/LFS': { body: LFS },
    });
    await syncCopy('enum.taskpage');
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    fakeApi({ [`GET /api/tasks/${TASK.id}`]: 'network' });

    render(TaskPage, { id: TASK.id });
    expect(await screen.findByRole('heading', { level: 1, name: 'Nhiệm vụ Hộ Trần Văn Hùng' })).toBeInTheDocument();
    expect(screen.getByTestId('offline-copy')).toHaveTextContent('bản sao trên thiết bị');
    expect(screen.getByRole('textbox', { name: /Số nhân khẩu/ })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Gửi câu trả lời' })).toBeInTheDocument();
  });
});
