import { untrack } from 'svelte';
import { MemoryOutboxStore, Outbox, type FlushResult, type OutboxItem } from '../outbox';
import { auth } from '../session.svelte';
import { IdbOutboxStore } from './outbox-store';
import { deviceStatus, type DeviceStatus } from './status';
import { dropDraft, readDraft, readDrafts, readIndex, writeDraft, type LocalDraft } from './store';
import { syncCopy } from './sync';
import { apiTransport } from './transport';

/** While submissions wait, the outbox is tried this often (each item's own retry time still holds). */
export const FLUSH_EVERY_MS = 30_000;

/**
 * The signed-in enumerator's work on this device, as the pages show it: the outbox's items,
 * which tasks have a draft kept here, and when the copy of their tasks was last made.
 * Another user's outbox and copy stay on the device, unseen, until they sign in again.
 */
export const device = $state<{
  user: string | null;
  items: OutboxItem[];
  /** `savedAt` of the draft kept on the device, by task. */
  drafts: Record<string, string>;
  copiedAt: string | null;
}>({ user: null, items: [], drafts: {}, copiedAt: null });

let current: { user: string; outbox: Outbox } | null = null;
let syncing: Promise<void> | null = null;

/** The user whose work the device keeps: a signed-in enumerator. */
function fieldUser(): string | null {
  const user = auth.session?.user;
  return user?.role === 'enumerator' ? user.username : null;
}

const online = () => globalThis.navigator?.onLine !== false;

function outboxOf(user: string): Outbox {
  if (current?.user !== user) {
    const store = typeof indexedDB === 'undefined' ? new MemoryOutboxStore() : new IdbOutboxStore(user);
    current = { user, outbox: new Outbox(store, apiTransport) };
  }
  return current.outbox;
}

/** The signed-in user's items, never those last read for another. */
const itemsShown = () => (device.user !== null && device.user === fieldUser() ? device.items : []);

/** How many submissions wait to be sent (the header's badge). */
export function waitingCount(): number {
  return itemsShown().filter((item) => item.status === 'waiting').length;
}

/** Where a task stands on this device, or null when the device holds nothing of it. */
export function statusOf(taskId: string): DeviceStatus | null {
  return deviceStatus(taskId, itemsShown(), device.user === fieldUser() ? device.drafts : {});
}

/** Reads the outbox, the drafts and the copy's date again, for the pages. */
export async function reloadDevice(): Promise<void> {
  const user = fieldUser();
  if (!user) return;
  const [items, drafts, index] = await Promise.all([outboxOf(user).items(), readDrafts(user), readIndex(user)]);
  if (fieldUser() !== user) return;
  device.user = user;
  device.items = items;
  device.drafts = Object.fromEntries(drafts.map((draft) => [draft.taskId, draft.savedAt]));
  device.copiedAt = index?.copiedAt ?? null;
}

/**
 * Puts a submission in the outbox, with the key made when the user submitted; the task's
 * draft gives way to it. It goes out at once if the network allows.
 */
export async function queueSubmission(taskId: string, data: Record<string, unknown>, explanations: Record<string, string>, key: string): Promise<OutboxItem | null> {
  const user = fieldUser();
  if (!user) return null;
  const item = await outboxOf(user).add(taskId, data, explanations, key);
  await dropDraft(user, taskId);
  await reloadDevice();
  if (online()) void flushOutbox();
  return item;
}

/** Sends what waits (`now`: due or not, the user asked), then brings the copy up to date if anything went. */
export async function flushOutbox(options: { now?: boolean } = {}): Promise<FlushResult | null> {
  const user = fieldUser();
  if (!user) return null;
  const result = await outboxOf(user).flush(options);
  await reloadDevice();
  if (result.sent > 0) void refreshCopy();
  return result;
}

/** Brings the device's copy of the user's open tasks up to date; offline it stays as it was. */
export function refreshCopy(): Promise<void> {
  const user = fieldUser();
  // A browser without IndexedDB keeps no copy: nothing to fetch it for.
  if (!user || !online() || typeof indexedDB === 'undefined') return Promise.resolve();
  syncing ??= syncCopy(user)
    .then(
      () => reloadDevice(),
      // Unreachable or refused: the copy made last time stays.
      () => {},
    )
    .finally(() => (syncing = null));
  return syncing;
}

/** Keeps the form's answers on the device (`sent`: the server has them as well). */
export async function keepDraft(draft: LocalDraft): Promise<void> {
  const user = fieldUser();
  if (!user) return;
  await writeDraft(user, draft);
  if (device.user === user) device.drafts = { ...device.drafts, [draft.taskId]: draft.savedAt };
  else await reloadDevice();
}

/** The submission went through online: the draft on the device goes, as it did on the server. */
export async function forgetDraft(taskId: string): Promise<void> {
  const user = fieldUser();
  if (!user) return;
  await dropDraft(user, taskId);
  device.drafts = Object.fromEntries(Object.entries(device.drafts).filter(([id]) => id !== taskId));
}

/** The device's draft of a task, for the form to start from when it is newer than the server's. */
export async function localDraft(taskId: string): Promise<LocalDraft | null> {
  const user = fieldUser();
  if (!user) return null;
  return readDraft(user, taskId);
}

/**
 * Starts the device's work for the app: at start and after each login (as an enumerator) the
 * outbox is read and sent and the copy made; again when the network comes back; and every
 * `FLUSH_EVERY_MS` while submissions wait. Returns the function that stops it.
 */
export function startDevice(): () => void {
  const whenOnline = () => {
    void flushOutbox().then(() => refreshCopy());
  };
  const timer = setInterval(() => {
    if (waitingCount() > 0 && online()) void flushOutbox();
  }, FLUSH_EVERY_MS);
  window.addEventListener('online', whenOnline);
  const stopWatching = $effect.root(() => {
    $effect(() => {
      const user = fieldUser();
      untrack(() => {
        if (user === device.user) return;
        device.user = user;
        device.items = [];
        device.drafts = {};
        device.copiedAt = null;
        if (!user) return;
        void reloadDevice().then(() => (online() ? whenOnline() : undefined));
      });
    });
  });
  return () => {
    clearInterval(timer);
    window.removeEventListener('online', whenOnline);
    stopWatching();
  };
}
