import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, signedIn, type Route } from '../../test/fake-api';
import { CYCLE_ID, LFS, cycle, taskDetail, taskItem } from '../../test/fixtures';
import { getTaskContext } from '../tasks';
import type { Survey, TaskItem } from '../types';
import { keptSurveys, readContext, readDraft, readIndex, writeDraft } from './store';
import { syncCopy } from './sync';

/** The survey at version 2; tasks launched before the revision are answered against version 1. */
const LFS_V2: Survey = { ...LFS, version: 2, definition: { ...LFS.definition, title: { vi: 'Điều tra LĐVL (bản 2)', en: 'LFS (version 2)' } } };
const CLOSED_CYCLE = 'LFS-2026-10-c0ffee';

const OPEN_OLD = taskItem('HH0100101');
const OPEN_NEW = taskItem('HH0100102', { status: 'rejected' });
const IN_REVIEW = taskItem('HH0100103', { status: 'in_review', reviewLevel: 'commune' });

/** The server an enumerator syncs from: `tasks` are their tasks in the collecting cycle. */
function server(tasks: TaskItem[], more: Record<string, Route> = {}) {
  return fakeApi({
    'GET /api/cycles': { body: { items: [cycle({ total: tasks.length }), cycle({ id: CLOSED_CYCLE, status: 'closed', period: '2026-10' })], nextCursor: null } },
    [`GET /api/cycles/${CYCLE_ID}/tasks`]: { body: { items: tasks, nextCursor: null } },
    [`GET /api/cycles/${CLOSED_CYCLE}/tasks`]: { body: { items: [taskItem('HH0100199')], nextCursor: null } },
    [`GET /api/tasks/${OPEN_OLD.id}`]: { body: taskDetail('HH0100101', { version: 1 }) },
    [`GET /api/tasks/${OPEN_NEW.id}`]: { body: taskDetail('HH0100102', { status: 'rejected', version: 2 }) },
    [`GET /api/tasks/${IN_REVIEW.id}`]: { body: taskDetail('HH0100103', { status: 'in_review', version: 2 }) },
    'GET /api/surveys/LFS': { body: LFS_V2 },
    'GET /api/surveys/LFS/versions/1': { body: LFS },
    ...more,
  });
}

afterEach(() => vi.restoreAllMocks());

describe('the device’s copy of an enumerator’s work', () => {
  it('keeps each open task with the questionnaire version it is answered against, and nothing else', async () => {
    signedIn('enum.copy', 'enumerator');
    const api = server([OPEN_OLD, OPEN_NEW, IN_REVIEW]);
    await syncCopy('enum.copy');

    const index = await readIndex('enum.copy');
    expect(index?.cycles.map((c) => c.id)).toEqual([CYCLE_ID]);
    expect(index?.tasks[CYCLE_ID]?.map((t) => t.id)).toEqual([OPEN_OLD.id, OPEN_NEW.id]);
    const old = await readContext('enum.copy', OPEN_OLD.id);
    expect(old?.survey.version).toBe(1);
    expect(old?.survey.definition.title.en).toBe('Labour force survey');
    expect(old?.cycle?.id).toBe(CYCLE_ID);
    expect((await readContext('enum.copy', OPEN_NEW.id))?.survey.definition.title.en).toBe('LFS (version 2)');
    expect(await readContext('enum.copy', IN_REVIEW.id)).toBeNull();
    // Neither the task in review nor a closed cycle's task was fetched; the survey was asked for once.
    expect(api.to('GET', `/api/tasks/${IN_REVIEW.id}`)).toHaveLength(0);
    expect(api.to('GET', `/api/cycles/${CLOSED_CYCLE}/tasks`)).toHaveLength(0);
    expect(api.to('GET', '/api/surveys/LFS')).toHaveLength(1);
  });

  it('drops a task once it is no longer open, with its draft and the questionnaire version only it needed', async () => {
    signedIn('enum.drop', 'enumerator');
    server([OPEN_OLD, OPEN_NEW]);
    await syncCopy('enum.drop');
    await writeDraft('enum.drop', { taskId: OPEN_OLD.id, data: { members: 3 }, savedAt: '2026-12-07T01:00:00.000Z', sent: true });
    expect(await keptSurveys('enum.drop')).toEqual(new Set(['LFS@1', 'LFS@2']));

    const api = server([{ ...OPEN_OLD, status: 'in_review' }, OPEN_NEW]);
    await syncCopy('enum.drop');
    expect(await readContext('enum.drop', OPEN_OLD.id)).toBeNull();
    expect(await readDraft('enum.drop', OPEN_OLD.id)).toBeNull();
    expect(await readContext('enum.drop', OPEN_NEW.id)).not.toBeNull();
    expect(await keptSurveys('enum.drop')).toEqual(new Set(['LFS@2']));
    // The version already on the device was not fetched again.
    expect(api.to('GET', '/api/surveys/LFS')).toHaveLength(0);
  });

  it('keeps one user’s copy from another signed in on the same device', async () => {
    signedIn('enum.mine', 'enumerator');
    server([OPEN_OLD]);
    await syncCopy('enum.mine');
    expect(await readContext('enum.mine', OPEN_OLD.id)).not.toBeNull();
    expect(await readContext('enum.other', OPEN_OLD.id)).toBeNull();
    expect(await readIndex('enum.other')).toBeNull();
  });

  it('sends a draft typed offline to the server, and takes a newer one typed on another device', async () => {
    signedIn('enum.drafts', 'enumerator');
    const newerOnServer = { taskId: OPEN_NEW.id, data: { members: 8 }, savedAt: '2026-12-07T03:00:00.000Z', storedAt: '2026-12-07T03:00:01.000Z' };
    const api = server([OPEN_OLD, OPEN_NEW], {
      [`GET /api/tasks/${OPEN_NEW.id}/draft`]: { body: newerOnServer },
      [`PUT /api/tasks/${OPEN_OLD.id}/draft`]: (call) => ({ body: { taskId: OPEN_OLD.id, storedAt: '2026-12-07T03:00:00.000Z', ...(call.body as object) } }),
    });
    await writeDraft('enum.drafts', { taskId: OPEN_OLD.id, data: { members: 5 }, savedAt: '2026-12-07T02:00:00.000Z', sent: false });
    await writeDraft('enum.drafts', { taskId: OPEN_NEW.id, data: { members: 2 }, savedAt: '2026-12-07T01:00:00.000Z', sent: true });
    await syncCopy('enum.drafts');

    expect(api.to('PUT', `/api/tasks/${OPEN_OLD.id}/draft`).map((c) => c.body)).toEqual([{ data: { members: 5 }, savedAt: '2026-12-07T02:00:00.000Z' }]);
    expect(await readDraft('enum.drafts', OPEN_OLD.id)).toMatchObject({ data: { members: 5 }, sent: true });
    expect(await readDraft('enum.drafts', OPEN_NEW.id)).toMatchObject({ data: { members: 8 }, savedAt: newerOnServer.savedAt });
  });
});

describe('opening a task with no network', () => {
  it('falls back to the device’s copy when the server cannot be reached', async () => {
    signedIn('enum.offline', 'enumerator');
    server([OPEN_OLD]);
    await syncCopy('enum.offline');
    fakeApi({ [`GET /api/tasks/${OPEN_OLD.id}`]: 'network' });
    const ctx = await getTaskContext(OPEN_OLD.id);
    expect(ctx.task.id).toBe(OPEN_OLD.id);
    expect(ctx.survey.version).toBe(1);
    expect(ctx.copiedAt).toEqual(expect.any(String));
  });

  it('does not wait for the network when the browser says it is offline', async () => {
    signedIn('enum.nowifi', 'enumerator');
    server([OPEN_OLD]);
    await syncCopy('enum.nowifi');
    const api = fakeApi({});
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    expect((await getTaskContext(OPEN_OLD.id)).task.id).toBe(OPEN_OLD.id);
    expect(api.calls).toHaveLength(0);
  });

  it('says the server could not be reached for a task the device holds no copy of, and never serves another user’s copy', async () => {
    signedIn('enum.owner', 'enumerator');
    server([OPEN_OLD]);
    await syncCopy('enum.owner');
    signedIn('enum.stranger', 'enumerator');
    fakeApi({ [`GET /api/tasks/${OPEN_OLD.id}`]: 'network' });
    await expect(getTaskContext(OPEN_OLD.id)).rejects.toMatchObject({ name: 'ApiError', status: 0 });
  });

  it('answers from the server, not the copy, while online', async () => {
    signedIn('enum.online', 'enumerator');
    server([OPEN_OLD]);
    await syncCopy('enum.online');
    server([OPEN_OLD], { [`GET /api/cycles/${CYCLE_ID}`]: { body: cycle() } });
    expect((await getTaskContext(OPEN_OLD.id)).copiedAt).toBeUndefined();
  });
});
