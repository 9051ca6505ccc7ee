import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import type { AuditEvent } from '../lib/audit';
import { replace } from '../lib/router.svelte';
import { fakeApi, signedIn } from '../test/fake-api';
import { CYCLE_ID } from '../test/fixtures';

const event = (position: number, type: string, stream: string, revision: number): AuditEvent => ({
  id: `e${position}`,
  stream,
  revision,
  position,
  type,
  data: { level: 'commune' },
  metadata: { actor: 'sup.hanoi', correlationId: 'c', at: '2026-11-20T03:00:00.000Z' },
});

function logServer() {
  return fakeApi({
    'GET /api/audit/events': (call) => ({
      body:
        call.query.get('after') === '0'
          ? { items: [event(1, 'TaskApproved', `task-${CYCLE_ID}.HH1`, 7), event(2, 'TaskApproved', `task-${CYCLE_ID}.HH2`, 6)], next: 2 }
          : { items: [event(3, 'TaskApproved', `task-${CYCLE_ID}.HH3`, 6)], next: null },
    }),
    'GET /api/audit/export': () => new Response('{"position":1}\n{"position":2}\n', { headers: { 'content-type': 'application/x-ndjson' } }),
  });
}

beforeEach(() => {
  signedIn('auditor', 'auditor', ['VN']);
  replace('/');
});

afterEach(() => vi.restoreAllMocks());

describe('the event log', () => {
  it('opens for an auditor, filters by type and stream through the address, and pages on', async () => {
    const server = logServer();
    const user = userEvent.setup();
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Nhật ký sự kiện' })).toBeInTheDocument();
    await user.type(screen.getByRole('combobox', { name: 'Loại sự kiện' }), 'TaskApproved');
    await user.type(screen.getByRole('textbox', { name: 'Luồng' }), `task-${CYCLE_ID}`);
    await user.click(screen.getByRole('button', { name: 'Áp dụng bộ lọc' }));
    await vi.waitFor(() => expect(location.hash).toBe(`#/audit?type=TaskApproved&stream=task-${CYCLE_ID}`));
    const row = await screen.findByRole('row', { name: /HH1/ });
    expect(within(row).getByRole('link', { name: `task-${CYCLE_ID}.HH1` })).toHaveAttribute('href', `#/streams/${encodeURIComponent(`task-${CYCLE_ID}.HH1`)}`);
    expect(Object.fromEntries(server.to('GET', '/api/audit/events').at(-1)?.query ?? [])).toEqual({ type: 'TaskApproved', stream: `task-${CYCLE_ID}`, after: '0', limit: '100' });

    await user.click(screen.getByRole('link', { name: 'Trang sau' }));
    expect(await screen.findByRole('row', { name: /HH3/ })).toBeInTheDocument();
    expect(server.to('GET', '/api/audit/events').at(-1)?.query.get('after')).toBe('2');
    expect(screen.queryByRole('link', { name: 'Trang sau' })).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Sau vị trí' })).toHaveValue('2');
  });

  it('exports the filtered log as NDJSON, sending the bearer token', async () => {
    const server = logServer();
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:log'), revokeObjectURL: vi.fn() }));
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    replace('/audit?type=TaskApproved');
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Tải nhật ký (NDJSON)' }));
    expect(await screen.findByTestId('export-notice')).toHaveTextContent('Đã tải tệp audit-log.ndjson.');
    const call = server.to('GET', '/api/audit/export')[0];
    expect(call?.headers.authorization).toBe('Bearer token-auditor');
    expect(call?.query.get('type')).toBe('TaskApproved');
  });
});
