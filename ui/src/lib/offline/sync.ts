import { listCycles } from '../cycles';
import { getDraft, saveDraft } from '../drafts';
import { getSurvey } from '../surveys';
import { getSurveyVersion, getTask, listTasks } from '../tasks';
import { isCollecting, isEditable, type CycleOverview, type Survey, type TaskDetail, type TaskItem } from '../types';
import { keptSurveys, readDrafts, writeCopy, writeDraft, type CopyIndex } from './store';

/** Cycles and tasks are listed page by page up to these many pages. */
const MAX_PAGES = 20;
/** Requests in flight at once while copying, so a long list does not flood a weak connection. */
const AT_ONCE = 4;

/**
 * Brings the device's copy of `user`'s work up to date: every open task (one the enumerator
 * may still submit, in a cycle still collecting) with its details, the questionnaire version it
 * is answered against, and its draft. Tasks no longer open leave the copy; the outbox is not
 * touched. Fails, leaving the copy as it was, if the server cannot be reached.
 */
export async function syncCopy(user: string): Promise<CopyIndex> {
  const cycles = (await allCycles()).filter((cycle) => cycle.total > 0 && isCollecting(cycle.status));
  const listed = await Promise.all(cycles.map(async (cycle) => [cycle.id, (await allTasks(cycle.id, user)).filter((task) => isEditable(task.status))] as const));
  const tasks = await inTurns(
    listed.flatMap(([, open]) => open),
    (task) => getTask(task.id),
  );
  const surveys = await missingSurveys(user, tasks);
  await syncDrafts(user, tasks);
  const index: CopyIndex = { copiedAt: new Date().toISOString(), cycles, tasks: Object.fromEntries(listed) };
  await writeCopy(user, index, tasks, surveys);
  return index;
}

async function allCycles(): Promise<CycleOverview[]> {
  const all: CycleOverview[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await listCycles(cursor ? { cursor } : {});
    all.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return all;
}

async function allTasks(cycleId: string, enumerator: string): Promise<TaskItem[]> {
  const all: TaskItem[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await listTasks(cycleId, { enumerator }, { limit: 1000, ...(cursor ? { cursor } : {}) });
    all.push(...answer.items);
    cursor = answer.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return all;
}

/** The questionnaire versions the tasks need that the device does not hold yet; each survey is asked for once. */
async function missingSurveys(user: string, tasks: TaskDetail[]): Promise<Survey[]> {
  const kept = await keptSurveys(user);
  const wanted = new Map<string, { surveyId: string; version: number }>();
  for (const task of tasks) {
    const name = `${task.surveyId}@${task.version}`;
    if (!kept.has(name)) wanted.set(name, { surveyId: task.surveyId, version: task.version });
  }
  const current = new Map<string, Promise<Survey>>();
  const surveyOf = (id: string) => {
    if (!current.has(id)) current.set(id, getSurvey(id));
    return current.get(id)!;
  };
  return inTurns([...wanted.values()], async ({ surveyId, version }) => {
    const survey = await surveyOf(surveyId);
    return survey.version === version ? survey : { ...survey, version, definition: await getSurveyVersion(surveyId, version) };
  });
}

/**
 * Of the device's and the server's draft of each task, the newer wins on both sides: a draft
 * typed offline goes to the server, one typed on another device comes to this one.
 */
async function syncDrafts(user: string, tasks: TaskDetail[]): Promise<void> {
  const local = new Map((await readDrafts(user)).map((draft) => [draft.taskId, draft]));
  await inTurns(tasks, async (task) => {
    const mine = local.get(task.id);
    if (mine && !mine.sent) {
      await saveDraft(task.id, mine.data, mine.savedAt);
      await writeDraft(user, { ...mine, sent: true });
    }
    const server = await getDraft(task.id);
    if (server && (!mine || Date.parse(server.savedAt) > Date.parse(mine.savedAt))) {
      await writeDraft(user, { taskId: task.id, data: server.data, savedAt: server.savedAt, sent: true });
    }
  });
}

/** `work` over every item, `AT_ONCE` at a time, the answers in the items' order. */
async function inTurns<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const answers: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const at = next++;
      answers[at] = await work(items[at]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, items.length) }, worker));
  return answers;
}
