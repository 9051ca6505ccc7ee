import type { OutboxItem } from '../outbox';

/**
 * Where a task stands on the device: `draft` (answers kept here, not submitted), or its latest
 * submission's place in the outbox: `waiting` to be sent, `sent` (with the server's status),
 * `refused` (with the reason) or `late` (sent late, for the supervisor to accept).
 */
export type DeviceStatus =
  | { readonly kind: 'draft'; readonly savedAt: string }
  | { readonly kind: 'waiting' | 'sent' | 'refused' | 'late'; readonly item: OutboxItem };

/**
 * The task's standing from the outbox and the device's drafts (`savedAt` by task): the newer of
 * its latest submission and its draft, so answers typed after a rejection show as a draft again.
 */
export function deviceStatus(taskId: string, items: readonly OutboxItem[], drafts: Readonly<Record<string, string>>): DeviceStatus | null {
  const item = items.filter((i) => i.taskId === taskId).reduce<OutboxItem | null>((latest, i) => (latest && latest.seq > i.seq ? latest : i), null);
  const savedAt = drafts[taskId];
  if (savedAt !== undefined && (!item || Date.parse(savedAt) > Date.parse(item.submittedAt))) return { kind: 'draft', savedAt };
  return item ? { kind: item.status, item } : null;
}
