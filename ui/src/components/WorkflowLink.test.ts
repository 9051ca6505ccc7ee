import { render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, signedIn } from '../test/fake-api';
import WorkflowLink from './WorkflowLink.svelte';

beforeEach(() => signedIn('manager', 'manager', ['VN']));
afterEach(() => vi.restoreAllMocks());

describe('WorkflowLink', () => {
  it('links a workflow to its page in the Temporal web UI the server names', async () => {
    fakeApi({ 'GET /api/links': { body: { temporalUi: 'http://127.0.0.1:8233/', namespace: 'default' } } });
    render(WorkflowLink, { workflowId: 'task/LFS-2026-11.HH0100101' });
    const link = await screen.findByRole('link', { name: 'task/LFS-2026-11.HH0100101' });
    expect(link.getAttribute('href')).toBe('http://127.0.0.1:8233/namespaces/default/workflows/task%2FLFS-2026-11.HH0100101');
    expect(link.getAttribute('target')).toBe('_blank');
  });
});
