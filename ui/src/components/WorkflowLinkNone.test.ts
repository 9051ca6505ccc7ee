import { render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, signedIn } from '../test/fake-api';
import WorkflowLink from './WorkflowLink.svelte';

beforeEach(() => signedIn('manager', 'manager', ['VN']));
afterEach(() => vi.restoreAllMocks());

describe('WorkflowLink without a Temporal web UI', () => {
  it('names the workflow as text when the server knows no Temporal web UI', async () => {
    const api = fakeApi({ 'GET /api/links': { body: { temporalUi: null, namespace: 'default' } } });
    render(WorkflowLink, { workflowId: 'cycle/LFS-2026-11' });
    await vi.waitFor(() => expect(api.calls.some((c) => c.path === '/api/links')).toBe(true));
    expect(screen.getByText('cycle/LFS-2026-11').tagName).toBe('CODE');
    expect(screen.queryByRole('link')).toBeNull();
  });
});
