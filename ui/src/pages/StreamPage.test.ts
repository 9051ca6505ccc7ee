import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import type { AuditEvent } from '../lib/audit';
import { replace } from '../lib/router.svelte';
import { fakeApi, signedIn, type Route } from '../test/fake-api';
import { CYCLE_ID } from '../test/fixtures';

const TASK = `${CYCLE_ID}.HH0100101`;
const STREAM = `task-${TASK}`;
const PATH = `/api/audit/streams/${encodeURIComponent(STREAM)}`;
const TYPES = ['TaskAssigned', 'TaskReminded', 'ResponseSubmitted', 'ChecksPassed', 'ReviewApproved'];

const events: AuditEvent[] = TYPES.map((type, revision) => ({
  id: `e${revision}`,
  stream: STREAM,
  revision,
  position: 100 + revision,
  type,
  data: {},
  metadata: { actor: revision === 0 ? 'system' : 'enum.hanoi', correlationId: 'c', at: `2026-11-2${revision}T03:00:00.000Z`, workflowId: `task/${TASK}` },
}));

/** The task as its evolve folds it: assigned until the response, in review after the checks. */
function taskState(revision: number) {
  const status = revision >= 3 ? 'in_review' : 'assigned';
  return {
    stream: STREAM,
    kind: 'task',
    revision,
    at: events[revision]!.metadata.at,
    state: { id: TASK, status, enumerator: 'enum.hanoi', areaCode: '01001', reviewLevels: ['commune', 'province'], levelIndex: revision >= 4 ? 1 : revision === 3 ? 0 : -1, submissions: revision >= 2 ? 1 : 0, dueAt: '2026-12-10T10:00:00.000Z' },
  };
}

function streamServer(routes: Record<string, Route> = {}) {
  return fakeApi({
    [`GET ${PATH}`]: { body: { stream: STREAM, events, next: null } },
    [`GET ${PATH}/verify`]: { body: { valid: true, events: events.length } },
    [`GET ${PATH}/state`]: (call) => ({ body: taskState(Number(call.query.get('revision'))) }),
    ...routes,
  });
}

beforeEach(() => {
  signedIn('auditor', 'auditor', ['VN']);
  replace(`/streams/${encodeURIComponent(STREAM)}`);
});

describe('a stream’s history', () => {
  it('shows the state at the newest revision, and at any earlier one the slider is moved to', async () => {
    const server = streamServer();
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: `Luồng ${STREAM}` })).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getByTestId('state-status')).toHaveTextContent('Đang duyệt'));
    expect(screen.getByTestId('state-view')).toHaveTextContent('cấp tỉnh');

    const slider = screen.getByRole('slider', { name: 'Phiên bản' });
    expect(slider).toHaveValue('4');
    await fireEvent.input(slider, { target: { value: '1' } });
    expect(slider).toHaveAttribute('aria-valuetext', expect.stringMatching(/^Phiên bản 1 \/ 4: Đã nhắc điều tra viên, /));
    await vi.waitFor(() => expect(screen.getByTestId('state-status')).toHaveTextContent('Đã giao'));
    expect(server.to('GET', `${PATH}/state`).at(-1)?.query.get('revision')).toBe('1');
    expect(screen.getByTestId('state-view')).toHaveTextContent('Trạng thái dựng lại từ nhật ký đến hết phiên bản 1');
    expect(screen.getByTestId('event-1')).toHaveAttribute('aria-current', 'step');
  });

  it('steps one revision at a time and from the list of events', async () => {
    const server = streamServer();
    const user = userEvent.setup();
    render(App);
    await vi.waitFor(() => expect(screen.getByTestId('state-status')).toHaveTextContent('Đang duyệt'));
    await user.click(screen.getByRole('button', { name: 'Xem trạng thái tại phiên bản 2' }));
    await vi.waitFor(() => expect(server.to('GET', `${PATH}/state`).at(-1)?.query.get('revision')).toBe('2'));
    await user.click(screen.getByRole('button', { name: 'Phiên bản sau' }));
    await vi.waitFor(() => expect(server.to('GET', `${PATH}/state`).at(-1)?.query.get('revision')).toBe('3'));
    expect(screen.getByRole('slider', { name: 'Phiên bản' })).toHaveValue('3');
    expect(screen.getByRole('button', { name: 'Phiên bản sau' })).toBeEnabled();
  });

  it('marks an intact stream, and names where an altered one breaks', async () => {
    let valid = true;
    streamServer({ [`GET ${PATH}/verify`]: () => ({ body: valid ? { valid: true, events: 5 } : { valid: false, events: 5, firstBrokenRevision: 2, reason: 'hash mismatch' } }) });
    const user = userEvent.setup();
    render(App);
    const card = await screen.findByRole('region', { name: 'Tính toàn vẹn' });
    await vi.waitFor(() => expect(within(card).getByTestId('integrity-badge')).toHaveTextContent('✓ Toàn vẹn'));
    expect(card).toHaveTextContent('5 sự kiện, chuỗi băm khớp.');
    valid = false;
    await user.click(within(card).getByRole('button', { name: 'Kiểm tra lại' }));
    await vi.waitFor(() => expect(within(card).getByTestId('integrity-badge')).toHaveTextContent('✗ Bị sửa đổi'));
    expect(card).toHaveTextContent('Chuỗi băm sai từ phiên bản 2: hash mismatch');
  });
});
