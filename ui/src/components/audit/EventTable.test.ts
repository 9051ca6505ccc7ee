import { render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../i18n/index.svelte';
import type { AuditEvent } from '../../lib/audit';
import EventTable from './EventTable.svelte';

const event = (position: number, type: string): AuditEvent => ({
  id: `e${position}`,
  stream: 'task-LFS-2026-11-a1b2c3.HH1',
  revision: position,
  position,
  type,
  data: {},
  metadata: { actor: 'sup.hanoi', correlationId: 'c', at: '2026-11-20T03:00:00.000Z' },
});

const EVENTS = [event(1, 'TaskApproved'), event(2, 'TaskReassigned'), event(3, 'SomethingNew')];

beforeEach(() => setLocale('vi'));

describe('an event’s type in the log', () => {
  it('reads as words, with the log’s own type beside it for the auditor', () => {
    render(EventTable, { props: { events: EVENTS, caption: 'Sự kiện' } });
    const approved = within(screen.getByTestId('event-1')).getByText('Đã duyệt nhiệm vụ');
    expect(approved).toHaveAttribute('title', 'Loại sự kiện trong nhật ký: TaskApproved');
    expect(within(screen.getByTestId('event-1')).getByText('TaskApproved').tagName).toBe('CODE');
    expect(screen.getByTestId('event-2')).toHaveTextContent('Đã giao lại nhiệm vụ');
  });

  it('keeps a type it has no name for as the log has it, once', () => {
    render(EventTable, { props: { events: EVENTS, caption: 'Sự kiện' } });
    expect(within(screen.getByTestId('event-3')).getAllByText('SomethingNew')).toHaveLength(1);
  });

  it('reads in English too', () => {
    setLocale('en');
    render(EventTable, { props: { events: EVENTS, caption: 'Events' } });
    expect(within(screen.getByTestId('event-1')).getByText('Task approved')).toHaveAttribute('title', 'Event type in the log: TaskApproved');
    expect(screen.getByTestId('event-2')).toHaveTextContent('Task reassigned');
  });
});
