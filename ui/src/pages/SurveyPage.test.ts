import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import { replace } from '../lib/router.svelte';
import type { ScheduleView } from '../lib/surveys';
import { fakeApi, signedIn } from '../test/fake-api';
import { LFS } from '../test/fixtures';

const EST = {
  id: 'EST',
  definedAt: '2026-01-05T01:00:00.000Z',
  definition: { ...LFS.definition, code: 'EST', kind: 'reporting', unitType: 'enterprise', schedule: { every: 'month', collectionDays: 10 }, outputs: [{ id: 'n', aggregate: 'count', by: 'province' }] },
};

const schedule = (state: 'active' | 'paused', note = ''): ScheduleView => ({
  id: 'survey-schedule/EST',
  state,
  every: 'month',
  collectionDays: 10,
  note,
  nextRuns: state === 'active' ? ['2026-12-01T00:00:00.000Z'] : [],
  recentRuns: ['2026-11-01T00:00:00.000Z'],
});

beforeEach(() => {
  signedIn('manager', 'manager', ['VN']);
  replace('/surveys/EST');
});

describe('a reporting survey’s page', () => {
  it('shows the questionnaire, the checks and the schedule, and pauses then resumes the schedule', async () => {
    const server = fakeApi({
      'GET /api/surveys/EST': { body: EST },
      'GET /api/surveys/EST/schedule': { body: schedule('active') },
      'POST /api/surveys/EST/schedule/pause': (call) => ({ body: schedule('paused', String((call.body as { note?: string }).note ?? '')) }),
      'POST /api/surveys/EST/schedule/resume': { body: schedule('active') },
    });
    const user = userEvent.setup();
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Cuộc điều tra EST' })).toBeInTheDocument();
    expect(await screen.findByRole('row', { name: /employed_le_members/ })).toHaveTextContent('employed <= members');
    const card = screen.getByRole('region', { name: 'Lịch báo cáo' });
    await vi.waitFor(() => expect(within(card).getByTestId('schedule-state')).toHaveTextContent('Đang chạy'));
    expect(card).toHaveTextContent('Hằng tháng');

    await user.type(within(card).getByRole('textbox', { name: 'Ghi chú cho thao tác (không bắt buộc)' }), 'Tết');
    await user.click(within(card).getByRole('button', { name: 'Tạm dừng lịch' }));
    await vi.waitFor(() => expect(within(card).getByTestId('schedule-state')).toHaveTextContent('Tạm dừng'));
    expect(server.to('POST', '/api/surveys/EST/schedule/pause')[0]?.body).toEqual({ note: 'Tết' });
    expect(card).toHaveTextContent('Đã tạm dừng lịch.');
    expect(card).toHaveTextContent('Không có lần nào sắp tới.');

    await user.click(within(card).getByRole('button', { name: 'Chạy lại lịch' }));
    await vi.waitFor(() => expect(within(card).getByTestId('schedule-state')).toHaveTextContent('Đang chạy'));
    expect(server.to('POST', '/api/surveys/EST/schedule/resume')).toHaveLength(1);
  });

  it('is refused to an auditor, whose menu has no surveys', async () => {
    signedIn('auditor', 'auditor', ['VN']);
    fakeApi({ 'GET /api/surveys/EST': { body: EST }, 'GET /api/surveys/EST/schedule': { body: schedule('active') } });
    render(App);
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('Trang này không dành cho vai trò của bạn.');
  });
});
