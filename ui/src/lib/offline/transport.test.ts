import { beforeEach, describe, expect, it } from 'vitest';
import { fakeApi, signedIn, type Reply } from '../../test/fake-api';
import type { OutboxItem } from '../outbox';
import { auth, signIn } from '../session.svelte';
import { apiTransport } from './transport';

const TASK = 'LFS-2026-11-a1b2c3.HH0100101';
const SUBMIT = `POST /api/tasks/${TASK}/submit`;
const LATE = `POST /api/tasks/${TASK}/late-submissions`;

const item = (overrides: Partial<OutboxItem> = {}): OutboxItem => ({
  key: 'k-transport',
  taskId: TASK,
  data: { members: 4 },
  explanations: { income_plausible: 'shop' },
  submittedAt: '2026-12-07T08:00:00.000Z',
  seq: 1,
  status: 'waiting',
  attempts: 0,
  nextAttemptAt: 0,
  ...overrides,
});

const problem = (status: number, code: string, params: Record<string, string> = {}): Reply => ({ status, body: { type: 'about:blank', title: 'Refused', status, detail: `refused: ${code}`, code, params } });

beforeEach(() => signedIn('enum.hanoi', 'enumerator'));

describe('sending a submission from the outbox', () => {
  it('posts the answers on time with the item’s Idempotency-Key, and reads the task’s new status', async () => {
    const api = fakeApi({ [SUBMIT]: { body: { id: TASK, status: 'in_review', reviewLevel: 'commune', failed: [], warnings: [] } } });
    expect(await apiTransport.submit(item())).toEqual({ kind: 'accepted', status: 'in_review' });
    const [call] = api.to('POST', `/api/tasks/${TASK}/submit`);
    expect(call?.headers).toMatchObject({ 'idempotency-key': 'k-transport', authorization: 'Bearer token-enum.hanoi' });
    expect(call?.body).toEqual({ data: { members: 4 }, explanations: { income_plausible: 'shop' } });
  });

  it('keeps the receipt of an accepted submission', async () => {
    const receipt = { id: '42-AbCdEfGhIjKlMnOpQrStUv', position: 42, hash: 'b'.repeat(64), at: '2026-12-07T08:00:01.000Z' };
    fakeApi({ [SUBMIT]: { body: { id: TASK, status: 'in_review', reviewLevel: 'commune', failed: [], warnings: [], receipt } } });
    expect(await apiTransport.submit(item())).toEqual({ kind: 'accepted', status: 'in_review', receipt: receipt.id });
  });

  it('posts a late submission with when it was made and the refusal that made it late', async () => {
    const api = fakeApi({ [LATE]: { status: 201, body: { id: 'late-1', taskId: TASK, by: 'enum.hanoi', submittedAt: '2026-12-07T08:00:00.000Z', receivedAt: '2026-12-08T08:00:00.000Z', status: 'received' } } });
    const late = item({ reason: { code: 'task.not_yours', detail: 'reassigned' } });
    expect(await apiTransport.submitLate(late)).toEqual({ kind: 'accepted', status: 'late_received' });
    const [call] = api.to('POST', `/api/tasks/${TASK}/late-submissions`);
    expect(call?.headers['idempotency-key']).toBe('k-transport');
    expect(call?.body).toEqual({ data: { members: 4 }, explanations: { income_plausible: 'shop' }, submittedAt: '2026-12-07T08:00:00.000Z', refusedWith: 'task.not_yours' });
  });

  it('waits when the server cannot be reached or fails on its side', async () => {
    fakeApi({ [SUBMIT]: 'network' });
    expect(await apiTransport.submit(item())).toMatchObject({ kind: 'unreachable' });
    fakeApi({ [SUBMIT]: problem(503, 'unavailable') });
    expect(await apiTransport.submit(item())).toMatchObject({ kind: 'unreachable' });
  });

  it('reports a refusal by its code, with the values its words need', async () => {
    fakeApi({ [SUBMIT]: problem(409, 'task.collection_over', { cycle: 'LFS-2026-11', status: 'closed' }) });
    expect(await apiTransport.submit(item())).toEqual({ kind: 'refused', code: 'task.collection_over', detail: 'refused: task.collection_over', params: { cycle: 'LFS-2026-11', status: 'closed' } });
  });

  it('stops for a session that has ended, keeping the item for the next login', async () => {
    fakeApi({ [SUBMIT]: problem(401, 'auth.token_invalid') });
    expect(await apiTransport.submit(item())).toEqual({ kind: 'signed_out' });
    expect(auth.session).toBeNull();
    // Signed out, nothing is even tried.
    const api = fakeApi({});
    expect(await apiTransport.submit(item())).toEqual({ kind: 'signed_out' });
    expect(api.calls).toHaveLength(0);
  });

  it('renews a device’s session once on a 401 and sends again with the new token', async () => {
    const user = { id: 'enum.hanoi', username: 'enum.hanoi', role: 'enumerator' as const, areaCodes: ['01'] };
    signIn({ token: 'spent', user }, 600_000, { token: 'r.device', expiresAt: Date.now() + 864e5 });
    const api = fakeApi({
      [SUBMIT]: (call) => (call.headers.authorization === 'Bearer fresh' ? { body: { id: TASK, status: 'in_review', reviewLevel: 'commune', failed: [], warnings: [] } } : problem(401, 'auth.token_expired')),
      'POST /api/auth/refresh': { body: { token: 'fresh', expiresIn: 900, user, refreshToken: 'r.next', refreshExpiresAt: new Date(Date.now() + 864e5).toISOString() } },
    });
    expect(await apiTransport.submit(item())).toEqual({ kind: 'accepted', status: 'in_review' });
    expect(api.to('POST', `/api/tasks/${TASK}/submit`).map((c) => c.headers['idempotency-key'])).toEqual(['k-transport', 'k-transport']);
  });
});
