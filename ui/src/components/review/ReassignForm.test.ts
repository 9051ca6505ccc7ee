import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TaskDetail } from '../../lib/types';
import { fakeApi, signedIn } from '../../test/fake-api';
import { taskDetail } from '../../test/fixtures';
import ReassignForm from './ReassignForm.svelte';

const TASK = taskDetail('HH0100101', { status: 'in_review', reviewLevel: 'commune', areaCode: '01001', enumerator: 'enum.hanoi' });
const ELIGIBLE = ['enum.hanoi', 'enum.hanoi2', 'enum.province01'];

function server() {
  // One of them has a full name: the suggestion reads it; the others read as their usernames.
  const items = ELIGIBLE.map((username) => ({ username, areaCodes: ['01'], ...(username === 'enum.hanoi2' ? { fullName: 'Phạm Thị Hoa' } : {}) }));
  return fakeApi({ 'GET /api/enumerators': { body: { items, nextCursor: null } } });
}

/** The usernames the input suggests, in their order. */
const suggestions = () => [...document.querySelectorAll('#reassign-enumerators option')].map((o) => o.getAttribute('value'));

beforeEach(() => signedIn('sup.hanoi', 'supervisor'));

describe('the reassignment suggestions', () => {
  it('are the active enumerators the server finds for the task’s area, less the one who has it', async () => {
    const calls = server();
    render(ReassignForm, { task: TASK, onreassigned: () => {} });
    await vi.waitFor(() => expect(suggestions()).toEqual(['enum.hanoi2', 'enum.province01']));
    expect([...document.querySelectorAll('#reassign-enumerators option')].map((o) => o.getAttribute('label'))).toEqual(['Phạm Thị Hoa', 'enum.province01']);
    expect(Object.fromEntries(calls.to('GET', '/api/enumerators')[0]?.query ?? [])).toEqual({ containing: '01001', limit: '1000' });
    expect(screen.getByRole('combobox', { name: 'Điều tra viên mới' })).toHaveAccessibleDescription(/Gợi ý: các điều tra viên đang hoạt động có địa bàn chứa nhiệm vụ này \(2\)\./);
  });

  it('say so in English', async () => {
    signedIn('sup.hanoi', 'supervisor', ['01'], 'en');
    server();
    render(ReassignForm, { task: TASK, onreassigned: () => {} });
    await vi.waitFor(() => expect(suggestions()).toHaveLength(2));
    expect(screen.getByRole('combobox', { name: 'New enumerator' })).toHaveAccessibleDescription(/Suggested: the active enumerators whose areas contain this task \(2\)\./);
  });

  it('are asked for once per task, not again at each live reload of it', async () => {
    const calls = server();
    const view = render(ReassignForm, { task: TASK, onreassigned: () => {} });
    await vi.waitFor(() => expect(suggestions()).toHaveLength(2));
    await view.rerender({ task: { ...TASK, reviewLevel: 'province' } satisfies TaskDetail, onreassigned: () => {} });
    await view.rerender({ task: { ...TASK, enumerator: 'enum.hanoi2' }, onreassigned: () => {} });
    expect(suggestions()).toEqual(['enum.hanoi', 'enum.province01']);
    expect(calls.to('GET', '/api/enumerators')).toHaveLength(1);
  });

  it('still let any username be typed when they cannot be loaded', async () => {
    const calls = fakeApi({
      'GET /api/enumerators': 'network',
      [`POST /api/tasks/${TASK.id}/reassign`]: { body: { ...TASK, enumerator: 'enum.other' } },
    });
    const onreassigned = vi.fn();
    const user = userEvent.setup();
    render(ReassignForm, { task: TASK, onreassigned });
    await user.type(screen.getByRole('combobox', { name: 'Điều tra viên mới' }), 'enum.other');
    await user.click(screen.getByRole('button', { name: 'Giao lại' }));
    await vi.waitFor(() => expect(onreassigned).toHaveBeenCalledWith(expect.objectContaining({ enumerator: 'enum.other' })));
    expect(suggestions()).toEqual([]);
    expect(calls.to('POST', `/api/tasks/${TASK.id}/reassign`)[0]?.body).toEqual({ enumerator: 'enum.other' });
  });
});
