/**
 * The cycle dashboard in Chromium on a census-sized cycle (100,000 tasks by default,
 * `BENCH_UI_TASKS` to change it): time to interactive from navigation start (counts and
 * province bars rendered, then a click on a province answered with its communes), then
 * frame smoothness over `BENCH_UI_SECONDS` while task events are appended to the log
 * and reach the page live. The system runs on its own copy of the census log with no
 * worker (the appends stand in for the workflows). Writes its section of BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { freePortFor } from '../bin/ports.js';
import { UI_DIR } from '../bin/system.js';
import { findTemporalCli, startDevServer } from '../bin/temporal.js';
import { launchChromium } from '../test/helpers/browser.js';
import { CENSUS_CYCLE, censusLog, systemOnLog } from './census.js';
import { fmt, machine, median, writeSection } from './harness.js';
import { lfsHousehold } from '../test/helpers/lfs.js';

const TASKS = Number(process.env.BENCH_UI_TASKS ?? 100_000);
const LOADS = Number(process.env.BENCH_UI_LOADS ?? 5);
const STREAM_SECONDS = Number(process.env.BENCH_UI_SECONDS ?? 20);
/** Tasks moved into review per second while the page is open (two events each). */
const RATE = Number(process.env.BENCH_UI_RATE ?? 50);
const say = (line: string) => process.stdout.write(`${line}\n`);

/** What bench/ui-probe.js puts on the page's window. */
interface Probed {
  benchProbe: { ready: number | null; count(status: string): number };
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);

if (!existsSync(join(UI_DIR, 'index.html'))) {
  say('building the UI');
  const built = spawnSync('npm', ['run', 'build:ui'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const server = process.env.TEMPORAL_ADDRESS ? null : await startDevServer({ cli: findTemporalCli(say), port: await freePortFor(), uiPort: null, timeoutMs: 120_000 });
const temporalAddress = process.env.TEMPORAL_ADDRESS ?? server!.address;

const census = await censusLog(TASKS, say);
// A fresh store for this run: the appends below must not change the cached census log.
const dataDir = mkdtempSync(join(tmpdir(), 'survey-ops-uibench-'));
const eventsFile = join(dataDir, 'events.db');
copyFileSync(census.eventsFile, eventsFile);

say(`starting the system on ${fmt(census.events)} events (the projector catches up first)`);
const started = performance.now();
const system = await systemOnLog({ dataDir, eventsFile, temporalAddress, name: 'uibench' });
say(`system up in ${fmt((performance.now() - started) / 1000, 0)} s`);

let browser: Browser | null = null;
try {
  await system.app.listen({ port: 0, host: '127.0.0.1' });
  const address = system.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const base = `http://127.0.0.1:${address.port}`;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'manager', password: 'demo' }) });
  if (!login.ok) throw new Error(`login: ${login.status}`);
  const session = (await login.json()) as { token: string; user: unknown };
  browser = await launchChromium();
  const dashboard = `${base}/#/cycles/${encodeURIComponent(CENSUS_CYCLE)}`;

  const probe = fileURLToPath(new URL('./ui-probe.js', import.meta.url));

  /** A signed-in page with the probe installed, once the counts and the province bars are painted. */
  async function openDashboard(): Promise<Page> {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const stored = { session: { token: session.token, user: session.user }, expiresAt: Date.now() + 3600_000 };
    await context.addInitScript(`localStorage.setItem('survey-ops.session', ${JSON.stringify(JSON.stringify(stored))});`);
    await context.addInitScript({ path: probe });
    const page = await context.newPage();
    await page.goto(dashboard);
    // A function, not a string: the app's CSP refuses eval, which string predicates need.
    await page.waitForFunction(() => (globalThis as unknown as Probed).benchProbe.ready !== null, undefined, { timeout: 60_000 });
    return page;
  }

  // ------------------------------------------------------------ time to interactive
  // Other work on the machine shows in these figures: say how busy it was.
  const load = loadavg()[0] ?? 0;
  const rendered: number[] = [];
  const answered: number[] = [];
  const interactive: number[] = [];
  for (let run = 0; run < LOADS + 1; run++) {
    const page = await openDashboard();
    const ready = Number(await page.evaluate('window.benchProbe.ready'));
    const click = Number(await page.evaluate('window.benchProbe.drillDown()'));
    // The first load warms the server's caches and Chromium's; it is not counted.
    if (run > 0) {
      rendered.push(ready);
      answered.push(click);
      interactive.push(ready + click);
    }
    say(`load ${run}: counts and bars at ${fmt(ready)} ms, province answered in ${fmt(click)} ms${run === 0 ? ' (warm-up)' : ''}`);
    await page.context().close();
  }

  // ------------------------------------------------------------ smoothness while updates stream
  const page = await openDashboard();
  const before = Number(await page.evaluate("window.benchProbe.count('in_review')"));
  await page.evaluate('window.benchProbe.startRecording()');

  // Tasks of stage 0 (every tenth) are assigned and unsubmitted: submit them, as their workflows would.
  let moved = 0;
  const streamStarted = Date.now();
  const until = streamStarted + STREAM_SECONDS * 1000;
  const at = () => new Date().toISOString();
  while (Date.now() < until && moved * 10 < TASKS) {
    const second = Date.now();
    for (let n = 0; n < RATE && moved * 10 < TASKS; n++, moved++) {
      const unit = `U${moved * 10}`;
      const workflowId = `task/${CENSUS_CYCLE}.${unit}`;
      const meta = { actor: 'enum.bench', correlationId: 'ui-bench', causationId: null, workflowId, at: at() };
      await system.store.append(
        `task-${CENSUS_CYCLE}.${unit}`,
        [
          { type: 'ResponseSubmitted', data: { submissionId: `ui-${unit}`, data: lfsHousehold({ members: 4, employed: 2, unemployed: 1 }), by: 'enum.bench' }, metadata: meta },
          { type: 'ChecksPassed', data: { warnings: [], reviewLevel: 'commune' }, metadata: meta },
        ],
        { expected: 1 },
      );
      // Spread the second's appends instead of sending them in one burst.
      await new Promise((r) => setTimeout(r, Math.max(0, second + ((n + 1) * 1000) / RATE - Date.now())));
    }
  }
  const streamed = (Date.now() - streamStarted) / 1000;
  // Let the last change reach the page.
  await page.waitForFunction((expected) => (globalThis as unknown as Probed).benchProbe.count('in_review') >= expected, before + moved, { timeout: 30_000 });
  const measured = (await page.evaluate('window.benchProbe.stopRecording()')) as { gaps: number[]; longTasks: number[]; updates: number; seconds: number };
  await page.context().close();

  const gaps = [...measured.gaps].sort((a, b) => a - b);
  const janky = gaps.filter((g) => g > 50).length;
  const longTotal = measured.longTasks.reduce((a, b) => a + b, 0);
  const lines = [
    '### Cycle dashboard in Chromium',
    '',
    `Machine: ${machine()}; Debian's Chromium, headless, 1280 × 900. Census cycle of ${fmt(census.tasks)} tasks (${fmt(census.events)} events) over 3,321 communes, on the API with its read models (no worker). Median of ${LOADS} page loads after a warm-up; each load a fresh browser context. Load average when measuring began: ${fmt(load, 1)}.`,
    '',
    '| measurement | figure | target |',
    '|---|---|---|',
    `| counts and province bars rendered, from navigation start | ${fmt(median(rendered))} ms (min ${fmt(Math.min(...rendered))}, max ${fmt(Math.max(...rendered))}) | |`,
    `| click on a province answered (its communes' bars painted) | ${fmt(median(answered))} ms (max ${fmt(Math.max(...answered))}) | |`,
    `| time to interactive (the two together) | ${fmt(median(interactive))} ms (max ${fmt(Math.max(...interactive))}) | ≤ 1,000 ms |`,
    '',
    `While ${fmt(moved)} tasks moved into review (${fmt((moved * 2) / streamed)} events/s appended for ${fmt(streamed, 0)} s), the page open on the dashboard, updated live:`,
    '',
    '| measurement | figure | target |',
    '|---|---|---|',
    `| count updates rendered | ${fmt(measured.updates)} (in review: ${fmt(before)} → ${fmt(before + moved)}) | |`,
    `| frames | ${fmt(gaps.length + 1)} in ${fmt(measured.seconds, 1)} s (${fmt((gaps.length + 1) / measured.seconds, 1)} fps) | ~60 fps |`,
    `| gap between frames p50 / p95 / p99 / max | ${fmt(percentile(gaps, 50), 1)} / ${fmt(percentile(gaps, 95), 1)} / ${fmt(percentile(gaps, 99), 1)} / ${fmt(gaps.at(-1) ?? 0, 1)} ms | p99 ≤ 50 ms |`,
    `| frames later than 50 ms | ${fmt(janky)} (${fmt((100 * janky) / Math.max(1, gaps.length), 2)} %) | |`,
    `| long tasks (> 50 ms) | ${fmt(measured.longTasks.length)}, ${fmt(longTotal)} ms in all, longest ${fmt(Math.max(0, ...measured.longTasks))} ms | none |`,
  ];
  for (const line of lines) say(line);
  writeSection('ui', lines.join('\n'));
} finally {
  await browser?.close();
  await system.close();
  rmSync(dataDir, { recursive: true, force: true });
  await server?.stop();
}
