import { createStore, del, delMany, get, promisifyRequest, set, setMany, type UseStore } from 'idb-keyval';
import type { TaskContext } from '../tasks';
import type { CycleOverview, Survey, TaskDetail, TaskItem } from '../types';

/**
 * The device's copy of an enumerator's work, in IndexedDB: their open tasks with their cycles,
 * the questionnaire versions those tasks are answered against, and their drafts. Every key
 * starts with the username, so a user who signs in on the same device sees only their own.
 *
 * Keys: `[user, 'index']` the list, `[user, 'task', taskId]`, `[user, 'survey', surveyId, version]`,
 * `[user, 'draft', taskId]`.
 */

/** What the task list shows offline: the cycles and the open tasks, as the API listed them when copied. */
export interface CopyIndex {
  /** When the copy was last brought up to date (ISO 8601). */
  copiedAt: string;
  cycles: CycleOverview[];
  /** The open tasks of each cycle, by cycle id. */
  tasks: Record<string, TaskItem[]>;
}

/** The answers typed so far, kept on the device; `sent` once the server has them too. */
export interface LocalDraft {
  taskId: string;
  data: Record<string, unknown>;
  savedAt: string;
  sent: boolean;
}

let copyDb: UseStore | null = null;

/** The copy's database, or null in a browser without IndexedDB (then nothing is kept). */
function db(): UseStore | null {
  if (typeof indexedDB === 'undefined') return null;
  copyDb ??= createStore('survey-ops-copy', 'records');
  return copyDb;
}

/** Every value whose key starts with `prefix` (array keys sort element by element; an array sorts after any string). */
function allUnder<T>(store: UseStore, prefix: IDBValidKey[]): Promise<{ key: IDBValidKey; value: T }[]> {
  const range = IDBKeyRange.bound(prefix, [...prefix, []]);
  return store('readonly', async (objects) => {
    const [keys, values] = await Promise.all([promisifyRequest(objects.getAllKeys(range)), promisifyRequest<T[]>(objects.getAll(range))]);
    return keys.map((key, i) => ({ key, value: values[i]! }));
  });
}

/** Part `i` of an array key, as text. */
const part = (key: IDBValidKey, i: number): string => (Array.isArray(key) ? String(key[i]) : '');

export async function readIndex(user: string): Promise<CopyIndex | null> {
  const store = db();
  return store ? ((await get<CopyIndex>([user, 'index'], store)) ?? null) : null;
}

export async function readTask(user: string, taskId: string): Promise<TaskDetail | null> {
  const store = db();
  return store ? ((await get<TaskDetail>([user, 'task', taskId], store)) ?? null) : null;
}

/** The questionnaire version kept for `user`: the survey as `GET /api/surveys/:id` gives it, with that version's definition. */
export async function readSurvey(user: string, surveyId: string, version: number): Promise<Survey | null> {
  const store = db();
  return store ? ((await get<Survey>([user, 'survey', surveyId, version], store)) ?? null) : null;
}

/** Which questionnaire versions are kept for `user`, as `surveyId@version`. */
export async function keptSurveys(user: string): Promise<Set<string>> {
  const store = db();
  if (!store) return new Set();
  const kept = await allUnder<Survey>(store, [user, 'survey']);
  return new Set(kept.map(({ key }) => `${part(key, 2)}@${part(key, 3)}`));
}

/**
 * Replaces the copy: the list, its tasks and the questionnaires they need; tasks and drafts
 * no longer open are dropped, and so are the questionnaire versions no open task needs.
 */
export async function writeCopy(user: string, index: CopyIndex, tasks: TaskDetail[], surveys: Survey[]): Promise<void> {
  const store = db();
  if (!store) return;
  const open = new Set(tasks.map((task) => task.id));
  const needed = new Set(tasks.map((task) => `${task.surveyId}@${task.version}`));
  const [oldTasks, oldDrafts, oldSurveys] = await Promise.all([
    allUnder<TaskDetail>(store, [user, 'task']),
    allUnder<LocalDraft>(store, [user, 'draft']),
    allUnder<Survey>(store, [user, 'survey']),
  ]);
  const gone = [
    ...oldTasks.filter(({ key }) => !open.has(part(key, 2))),
    ...oldDrafts.filter(({ key }) => !open.has(part(key, 2))),
    ...oldSurveys.filter(({ key }) => !needed.has(`${part(key, 2)}@${part(key, 3)}`)),
  ].map(({ key }) => key);
  await setMany(
    [
      ...tasks.map((task): [IDBValidKey, unknown] => [[user, 'task', task.id], task]),
      ...surveys.map((survey): [IDBValidKey, unknown] => [[user, 'survey', survey.id, survey.version], survey]),
      [[user, 'index'], index],
    ],
    store,
  );
  if (gone.length > 0) await delMany(gone, store);
}

export async function readDraft(user: string, taskId: string): Promise<LocalDraft | null> {
  const store = db();
  return store ? ((await get<LocalDraft>([user, 'draft', taskId], store)) ?? null) : null;
}

export async function readDrafts(user: string): Promise<LocalDraft[]> {
  const store = db();
  return store ? (await allUnder<LocalDraft>(store, [user, 'draft'])).map(({ value }) => value) : [];
}

/** Keeps a draft unless the device holds a newer one (of two saves, the later typing wins). */
export async function writeDraft(user: string, draft: LocalDraft): Promise<void> {
  const store = db();
  if (!store) return;
  const kept = await get<LocalDraft>([user, 'draft', draft.taskId], store);
  if (kept && Date.parse(kept.savedAt) > Date.parse(draft.savedAt)) return;
  await set([user, 'draft', draft.taskId], draft, store);
}

export async function dropDraft(user: string, taskId: string): Promise<void> {
  const store = db();
  if (store) await del([user, 'draft', taskId], store);
}

/** A task as its page needs it, from the copy: null when the device holds no copy of it. */
export async function readContext(user: string, taskId: string): Promise<TaskContext | null> {
  const [task, index] = await Promise.all([readTask(user, taskId), readIndex(user)]);
  const cycle = index?.cycles.find((c) => c.id === task?.cycleId);
  if (!task || !index || !cycle) return null;
  const survey = await readSurvey(user, task.surveyId, task.version);
  return survey ? { task, cycle, survey, copiedAt: index.copiedAt } : null;
}
