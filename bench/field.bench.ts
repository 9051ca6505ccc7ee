/**
 * Field capture on a device, in Chromium at a phone's size (`npm run bench -- field`):
 * - a device holding `BENCH_FIELD_TASKS` (500) open tasks: opening a task offline, from the
 *   address changing to the questionnaire's first field painted (target ≤ 200 ms);
 * - an outbox of as many submissions sent when the network returns, against the same number
 *   submitted online one by one from the same page (target ≤ 1.2× the online time);
 * - the app shell's JavaScript, gzipped (target ≤ 250 KB), and what dominates it (bench/shell.ts).
 * Writes its section of BENCHMARKS.md.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { freePortFor } from '../bin/ports.js';
import { startSystem, UI_DIR } from '../bin/system.js';
import { findTemporalCli, startDevServer } from '../bin/temporal.js';
import { launchChromium } from '../test/helpers/browser.js';
import { fmt, machine, median, percentile, writeSection } from './harness.js';
import { measureShell } from './shell.js';

const TASKS = Number(process.env.BENCH_FIELD_TASKS ?? 500);
const OPENS = Number(process.env.BENCH_FIELD_OPENS ?? 30);
const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, locale: 'vi-VN' };
const say = (line: string) => process.stdout.write(`${line}\n`);
if (!existsSync(join(UI_DIR, 'index.html'))) throw new Error('build the UI first: npm run build:ui');

const shell = await measureShell();
say(`app shell: ${fmt(shell.gzipped / 1000, 1)} kB of JavaScript gzipped`);

const server = await startDevServer({ cli: findTemporalCli(say), port: await freePortFor(), uiPort: null, timeoutMs: 120_000 });
const dataDir = mkdtempSync(join(tmpdir(), 'survey-ops-fieldbench-'));
const system = await startSystem({ dataDir, temporalAddress: server.address, namespace: 'default', taskQueue: 'fieldbench', authSecret: 'field-bench-secret-0123456789abcdef', demoSeed: true, logger: false, writeRateLimit: 1_000_000 });
const browser = await launchChromium();
try {
  const { app } = system;
  const loginAs = async (username: string, password = 'demo') => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    return { authorization: `Bearer ${res.json<{ token: string }>().token}` };
  };
  const manager = await loginAs('manager');
  const call = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const res = await app.inject({ method, url, headers: manager, ...(payload === undefined ? {} : { payload: payload as object }) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<Record<string, unknown>>();
  };
  // One cycle of twice as many dwellings, every other one the device's enumerator's: those go on
  // the device and into its outbox; the others, as old and as many, a second enumerator submits
  // online, so the server does the same work for both rounds.
  await call('POST', '/api/surveys', {
    code: 'FIELDB',
    title: { vi: 'Khảo sát nhà ở', en: 'Dwelling survey' },
    kind: 'sample_survey',
    unitType: 'dwelling',
    fields: [{ id: 'n', type: 'integer', required: true, min: 0, label: { vi: 'Số người ở', en: 'People living here' } }],
    reviewLevels: ['province'],
    outputs: [{ id: 'dwellings', aggregate: 'count', by: 'province' }],
  });
  await call('POST', '/api/users', { username: 'enum.online', password: 'online enumerator', role: 'enumerator', areaCodes: ['01'] });
  const units = Array.from({ length: 2 * TASKS }, (_, i) => ({ id: `FB${String(i + 1).padStart(4, '0')}`, type: 'dwelling', areaCode: '01001', name: `Nhà ${i + 1}`, enumerator: i % 2 ? 'enum.online' : 'enum.hanoi' }));
  await call('POST', '/api/units/import', units);
  const launch = async (period: string) => (await call('POST', '/api/cycles', { survey: 'FIELDB', period, areaCodes: ['01001'], collectionDeadline: new Date(Date.now() + 7 * 864e5).toISOString() })).id as string;
  /** The enumerator's task ids in the cycle in `status`, once there are TASKS of them. */
  async function tasksOf(cycleId: string, enumerator: string, status: string): Promise<string[]> {
    for (let i = 0; i < 600; i++) {
      const { items } = (await call('GET', `/api/cycles/${encodeURIComponent(cycleId)}/tasks?enumerator=${enumerator}&status=${status}&limit=1000`)) as { items: { id: string }[] };
      if (items.length >= TASKS) return items.map((task) => task.id);
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`${cycleId}: fewer than ${TASKS} tasks of ${enumerator} ${status}`);
  }
  const firstCycle = await launch('2026-11');
  const onDevice = await tasksOf(firstCycle, 'enum.hanoi', 'assigned');
  await tasksOf(firstCycle, 'enum.online', 'assigned');
  say(`cycle ${firstCycle}: ${fmt(2 * TASKS)} tasks assigned`);

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const base = `http://127.0.0.1:${address.port}`;

  const context = await browser.newContext(PHONE);
  // tsx names the functions handed to the page with a helper the page lacks.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  const page = await context.newPage();
  await page.goto(`${base}/#/login`);
  await page.getByLabel('Tên đăng nhập').fill('enum.hanoi');
  await page.getByLabel('Mật khẩu').fill('demo');
  await page.getByRole('checkbox', { name: 'Giữ đăng nhập trên thiết bị này trong 60 ngày' }).check();
  await page.getByLabel('Tên thiết bị này (quản lý sẽ thấy)').fill('Máy đo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.evaluate(() => navigator.serviceWorker.ready);
  let copyStarted = performance.now();
  await waitForCopy(page, (ids) => ids.length === TASKS);
  say(`the device copied ${fmt(TASKS)} tasks in ${fmt((performance.now() - copyStarted) / 1000, 1)} s`);

  // ------------------------------------------------------------ opening a task offline
  await context.setOffline(true);
  await page.reload();
  await page.getByTestId('offline-copy').waitFor();
  const load = loadavg()[0] ?? 0;
  const opens: number[] = [];
  for (let run = 0; run <= OPENS; run++) {
    await page.evaluate(() => (location.hash = '#/tasks'));
    await page.getByTestId('offline-copy').waitFor();
    const taskId = onDevice[Math.floor((run * onDevice.length) / (OPENS + 1))]!;
    const ms = await page.evaluate(openTask, `#/tasks/${encodeURIComponent(taskId)}`);
    if (run > 0) opens.push(ms); // the first one warms the page's code paths
    say(`open ${run}: ${fmt(ms, 1)} ms${run === 0 ? ' (warm-up)' : ''}`);
  }

  // ------------------------------------------------------------ the outbox after reconnecting, against online
  // Two rounds, each of TASKS submissions from the outbox and as many online one by one,
  // over a cycle's two halves; the first round sends the outbox first, the second online first.
  const secondCycle = await launch('2027-01');
  for (const enumerator of ['enum.hanoi', 'enum.online']) await tasksOf(secondCycle, enumerator, 'assigned');
  say(`cycle ${secondCycle}: ${fmt(2 * TASKS)} tasks assigned`);
  // The launch's last workflow tasks and projections settle before anything is timed.
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const { authorization } = await loginAs('enum.online', 'online enumerator');

  /** TASKS submissions made offline, put in the outbox as the app puts them; the time from the network back to the badge gone. */
  async function outboxRound(cycleId: string): Promise<number> {
    const taskIds = await tasksOf(cycleId, 'enum.hanoi', 'assigned');
    await context.setOffline(true);
    await page.evaluate(seedOutbox, { user: 'enum.hanoi', taskIds });
    await page.reload();
    await page.waitForFunction((n) => document.querySelector('[data-testid=outbox-badge]')?.getAttribute('data-count') === String(n), TASKS);
    const started = performance.now();
    await context.setOffline(false);
    await page.waitForFunction(() => document.querySelector('[data-testid=outbox-badge]') === null, undefined, { polling: 20, timeout: 900_000 });
    const ms = performance.now() - started;
    const sentOnce = await tasksOf(cycleId, 'enum.hanoi', 'in_review');
    if (sentOnce.length !== TASKS) throw new Error(`${sentOnce.length} tasks in review after the outbox`);
    // The copy then lets go of the tasks sent; let it finish before anything else is measured.
    await waitForCopy(page, (ids) => ids.every((id) => !taskIds.includes(id)));
    say(`outbox: ${fmt(TASKS)} sent in ${fmt(ms / 1000, 1)} s`);
    return ms;
  }
  async function onlineRound(cycleId: string): Promise<number> {
    const ms = await page.evaluate(submitOneByOne, { authorization, taskIds: await tasksOf(cycleId, 'enum.online', 'assigned') });
    await tasksOf(cycleId, 'enum.online', 'in_review');
    say(`online: ${fmt(TASKS)} submitted one by one in ${fmt(ms / 1000, 1)} s`);
    return ms;
  }
  const rounds = [
    { outboxMs: await outboxRound(firstCycle), onlineMs: await onlineRound(firstCycle) },
    await onlineRound(secondCycle).then(async (onlineMs) => ({ onlineMs, outboxMs: await outboxRound(secondCycle) })),
  ];
  await context.close();

  const outboxMs = median(rounds.map((r) => r.outboxMs));
  const onlineMs = median(rounds.map((r) => r.onlineMs));
  const ratio = rounds.reduce((sum, r) => sum + r.outboxMs, 0) / rounds.reduce((sum, r) => sum + r.onlineMs, 0);
  const lines = [
    '## Field capture on a device (offline)',
    '',
    `${machine()}; Debian's Chromium, headless, at a phone's size (360 × 740, touch). The system on the embedded store with its worker and a Temporal dev server on the same machine. Load average when the opens began: ${fmt(load, 1)}.`,
    '',
    '| measurement | figure | target |',
    '|---|---|---|',
    `| opening a task offline, device holding ${fmt(TASKS)} open tasks: from the address changing to the first field painted, median / p95 / max of ${OPENS} | ${fmt(median(opens), 1)} / ${fmt(percentile(opens, 95), 1)} / ${fmt(Math.max(...opens), 1)} ms | ≤ 200 ms |`,
    `| outbox of ${fmt(TASKS)} submissions sent after reconnecting (from the network back to the badge gone), median of ${rounds.length} rounds | ${fmt(outboxMs / 1000, 1)} s (${fmt(outboxMs / TASKS, 1)} ms each) | |`,
    `| the same number submitted online one by one from the same page (another enumerator's tasks of the same cycles), median of ${rounds.length} rounds | ${fmt(onlineMs / 1000, 1)} s (${fmt(onlineMs / TASKS, 1)} ms each) | |`,
    `| outbox time ÷ online time, all rounds together (each round: ${rounds.map((r) => `${fmt(r.outboxMs / r.onlineMs, 2)}×`).join(', ')}) | ${fmt(ratio, 2)}× | ≤ 1.2× |`,
    `| app shell's JavaScript, gzipped (${shell.files.length} files) | ${fmt(shell.gzipped / 1000, 1)} kB | ≤ 250 kB |`,
    '',
    `A round is one cycle of ${fmt(2 * TASKS)} dwellings, every other one the device's enumerator's, launched together so the server does the same work for both halves: the first round sent its outbox first, the second its online submissions first. After each, all ${fmt(TASKS)} of the device's tasks were in review, each submission recorded once with its Idempotency-Key. The outbox sends in order, one at a time, as an enumerator's submissions would go online. What it adds is the IndexedDB write of each item's new state: written before the next went out, one transaction each, the outbox took 1.22× to 1.64× the online time in three earlier runs of one round each, whose server was still busy with a launch (the online time itself moving between 7.8 and 11 s from run to run); the states are now written while the next ones are on their way, those that come meanwhile in one transaction, and the flush ends once all are stored. An answer lost to a crash before its state is written is sent again with the same key and recorded once. The server's brake on writes (600 a minute per user by default, \`WRITE_RATE_LIMIT\`) is lifted here, since a round sends 1,000 in well under a minute: with it, an outbox of more than 600 is answered 429 past the 600th, and the rest waits on the device and goes at the next tries.`,
    '',
    `The app shell is what a phone loads to open the app: the main chunk with every page an enumerator or supervisor works in. The pages only managers and auditors open (surveys, frame, accounts, audit, integrity, results, launching) are chunks of their own (\`ui/src/lib/pages.ts\`), ${fmt(shell.lazyGzipped / 1000, 1)} kB gzipped in all, loaded when first opened; the service worker precaches them with the rest. What the shell is made of (shares of the code as bundled, before minifying):`,
    '',
    '| part | share |',
    '|---|---|',
    ...shell.parts.slice(0, 10).map((part) => `| ${part.name} | ${fmt(part.share * 100, 1)} % |`),
    '',
    "Reading: the questionnaire's checks run on the device as on the server, in CEL (`@bufbuild/cel` with its protobuf runtime and RE2 for `matches`), about two fifths of the bundle: the price of the same checks offline. zod comes with the shared survey definitions' schemas, Svelte is the runtime of every page. With every page in one chunk the shell reached 250.9 kB; the managers' and auditors' pages in chunks of their own took 38 kB off it. The next pages that an enumerator does not use (the respondents' portal, the public data explorer) go the same way.",
  ];
  for (const line of lines) say(line);
  writeSection('field', lines.join('\n'));
} finally {
  await browser.close();
  await system.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

/** Waits until the ids of the tasks the device's copy lists pass `done`. */
async function waitForCopy(page: Page, done: (ids: string[]) => boolean): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (done(await page.evaluate(copiedIds, 'enum.hanoi'))) return;
    await page.waitForTimeout(250);
  }
  throw new Error("the device's copy never came as expected");
}

// The functions below run in the page.

/** The ids of the tasks the device's copy lists for `user`, read straight from IndexedDB. */
async function copiedIds(user: string): Promise<string[]> {
  if (!(await indexedDB.databases()).some((d) => d.name === 'survey-ops-copy')) return [];
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('survey-ops-copy');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    const index = await new Promise<{ tasks: Record<string, { id: string }[]> } | undefined>((resolve, reject) => {
      const request = db.transaction('records').objectStore('records').get([user, 'index']);
      request.onsuccess = () => resolve(request.result as { tasks: Record<string, { id: string }[]> } | undefined);
      request.onerror = () => reject(request.error);
    });
    return Object.values(index?.tasks ?? {})
      .flat()
      .map((task) => task.id);
  } finally {
    db.close();
  }
}

/** Goes to `hash`; the milliseconds until the form's first input is in the page and a frame is painted with it. */
function openTask(hash: string): Promise<number> {
  const started = performance.now();
  const found = () => document.querySelector('form input:not([type=hidden])') !== null;
  return new Promise((resolve) => {
    const painted = () => requestAnimationFrame(() => resolve(performance.now() - started));
    const observer = new MutationObserver(() => {
      if (!found()) return;
      observer.disconnect();
      painted();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    location.hash = hash;
  });
}

/** Puts one submission per task in `user`'s outbox, in the shape and store the app uses (ui/src/lib/offline/outbox-store.ts). */
async function seedOutbox({ user, taskIds }: { user: string; taskIds: string[] }): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('survey-ops-outbox');
    request.onupgradeneeded = () => request.result.createObjectStore('items');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const tx = db.transaction('items', 'readwrite');
  const items = tx.objectStore('items');
  const submittedAt = new Date().toISOString();
  taskIds.forEach((taskId, seq) => {
    const item = { key: crypto.randomUUID(), taskId, data: { n: (seq % 9) + 1 }, explanations: {}, submittedAt, seq, status: 'waiting', attempts: 0, nextAttemptAt: 0 };
    items.put(item, [user, item.key]);
  });
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

/** Submits one response per task, each after the last was answered, as the form does online; the milliseconds it took. */
async function submitOneByOne({ authorization, taskIds }: { authorization: string; taskIds: string[] }): Promise<number> {
  const started = performance.now();
  for (const [seq, taskId] of taskIds.entries()) {
    const res = await fetch(`/api/tasks/${encodeURIComponent(taskId)}/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': crypto.randomUUID(), authorization },
      body: JSON.stringify({ data: { n: (seq % 9) + 1 }, explanations: {} }),
    });
    await res.json();
    if (!res.ok) throw new Error(`${taskId}: ${res.status}`);
  }
  return performance.now() - started;
}
