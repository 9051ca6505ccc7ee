import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { device, startDevice } from '../../lib/offline/device.svelte';
import { readDraft, writeDraft } from '../../lib/offline/store';
import type { SubmitResult } from '../../lib/types';
import { fakeApi, signedIn, type Route } from '../../test/fake-api';
import { LFS, taskDetail } from '../../test/fixtures';
import TaskForm from './TaskForm.svelte';

const TASK = taskDetail('HH0100101');
const SUBMIT = `POST /api/tasks/${TASK.id}/submit`;
const DRAFT = `/api/tasks/${TASK.id}/draft`;
const inReview: SubmitResult = { id: TASK.id, status: 'in_review', reviewLevel: 'commune', failed: [], warnings: [], receipt: null };

let online = true;
let stopDevice: (() => void) | null = null;

/** The form for a signed-in enumerator (a user of the test's own) on a device that is `online` or not. */
function open(user: string, routes: Record<string, Route>, { connected }: { connected: boolean }) {
  online = connected;
  vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => online);
  signedIn(user, 'enumerator');
  const server = fakeApi(routes);
  stopDevice = startDevice();
  render(TaskForm, { survey: LFS.definition, task: TASK, onsubmitted: vi.fn() });
  return { server, user: userEvent.setup() };
}

function goOnline() {
  online = true;
  window.dispatchEvent(new Event('online'));
}

const onDevice = () => screen.getByTestId(`device-status-${TASK.id}`);

afterEach(() => {
  stopDevice?.();
  vi.restoreAllMocks();
});

async function fill(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByRole('textbox', { name: /Số nhân khẩu/ }), '4');
  await user.type(screen.getByRole('textbox', { name: /Số người có việc làm/ }), '2');
  await user.type(screen.getByRole('textbox', { name: /Số người thất nghiệp/ }), '1');
}

describe('submitting with no network', () => {
  it('puts the submission in the outbox with a key, says so, and sends it once the network is back', async () => {
    const { user, server } = open('enum.field', { [SUBMIT]: { body: inReview } }, { connected: false });
    await fill(user);
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));

    expect(await screen.findByTestId('submit-queued')).toHaveTextContent('Đã lưu câu trả lời trên thiết bị');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await vi.waitFor(() => expect(onDevice()).toHaveAttribute('data-device-status', 'waiting'));
    expect(onDevice()).toHaveTextContent('Chờ gửi');
    const [waiting] = device.items;
    expect(waiting).toMatchObject({ taskId: TASK.id, status: 'waiting', data: { members: 4, employed: 2, unemployed: 1 } });
    expect(waiting?.key).toMatch(/^[0-9a-f]{32}$/);
    expect(server.to('POST', `/api/tasks/${TASK.id}/submit`)).toHaveLength(0);

    goOnline();
    await vi.waitFor(() => expect(onDevice()).toHaveAttribute('data-device-status', 'sent'));
    expect(onDevice()).toHaveTextContent('Đã gửi: Đang duyệt');
    const sent = server.to('POST', `/api/tasks/${TASK.id}/submit`);
    expect(sent.map((c) => c.headers['idempotency-key'])).toEqual([waiting?.key]);
  });

  it('shows a submission the server refused with the reason, in the user’s words', async () => {
    const refused = { status: 400, body: { type: 't', title: 'Bad request', status: 400, detail: 'does not fit', code: 'task.response_invalid', params: {} } };
    const { user } = open('enum.refused', { [SUBMIT]: refused }, { connected: false });
    await fill(user);
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    await vi.waitFor(() => expect(onDevice()).toHaveAttribute('data-device-status', 'waiting'));
    goOnline();
    await vi.waitFor(() => expect(onDevice()).toHaveAttribute('data-device-status', 'refused'));
    expect(onDevice()).toHaveTextContent('Bị từ chối: Câu trả lời không khớp với bảng hỏi.');
  });
});

describe('the draft kept on the device', () => {
  it('is kept on the device while offline, and the task shows a draft', async () => {
    const { user, server } = open('enum.typing', {}, { connected: false });
    await user.type(screen.getByRole('textbox', { name: /Số nhân khẩu/ }), '6');
    await vi.waitFor(() => expect(screen.getByTestId('draft-status')).toHaveTextContent('Đã lưu bản nháp trên thiết bị lúc'), { timeout: 6_000 });
    expect(await readDraft('enum.typing', TASK.id)).toMatchObject({ data: { members: 6 }, sent: false });
    expect(onDevice()).toHaveAttribute('data-device-status', 'draft');
    expect(server.to('PUT', DRAFT)).toHaveLength(0);
  }, 10_000);

  const serverDraft = (savedAt: string) => ({ body: { taskId: TASK.id, data: { members: 9 }, savedAt, storedAt: savedAt } });

  it('wins over the server’s when it is newer', async () => {
    await writeDraft('enum.newer', { taskId: TASK.id, data: { members: 3 }, savedAt: '2026-12-07T05:00:00.000Z', sent: false });
    open('enum.newer', { [`GET ${DRAFT}`]: serverDraft('2026-12-07T04:00:00.000Z') }, { connected: true });
    await vi.waitFor(() => expect(screen.getByRole('textbox', { name: /Số nhân khẩu/ })).toHaveValue('3'));
  });

  it('gives way to the server’s when it is older', async () => {
    await writeDraft('enum.older', { taskId: TASK.id, data: { members: 3 }, savedAt: '2026-12-07T03:00:00.000Z', sent: true });
    open('enum.older', { [`GET ${DRAFT}`]: serverDraft('2026-12-07T04:00:00.000Z') }, { connected: true });
    await vi.waitFor(() => expect(screen.getByRole('textbox', { name: /Số nhân khẩu/ })).toHaveValue('9'));
  });
});
