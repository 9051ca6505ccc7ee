import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Geography } from '../domain/geography/geography.js';
import type { EventStore } from '../eventstore/port.js';
import { cycleCancellationsModel } from './cycles/cancellations.js';
import { cyclesModel } from './cycles/model.js';
import { frameModel, unitAttributesModel } from './frame/model.js';
import { lateSubmissionsModel } from './late/model.js';
import { applyBatch, type Changes, type ReadModel } from './model.js';
import { resultsModel } from './results/model.js';
import { surveysModel, surveyVersionsModel } from './surveys/model.js';
import { tasksModel } from './tasks/model.js';
import { timelineModel } from './timeline/model.js';
import { enrolmentCodesModel } from './users/enrolment.js';
import { userContactsModel, userNamesModel, usersModel, userUnitsModel } from './users/model.js';
import { reportingModel } from './reporting/model.js';

export function readModels(geography: Geography): ReadModel[] {
  return [surveysModel, surveyVersionsModel, frameModel(geography), unitAttributesModel, usersModel, userNamesModel, userContactsModel, userUnitsModel, enrolmentCodesModel, cyclesModel, cycleCancellationsModel, tasksModel(geography), reportingModel(geography), lateSubmissionsModel, resultsModel, timelineModel(geography)];
}

export function openReadDb(file: string, models: readonly ReadModel[]): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 10_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS checkpoints (model TEXT PRIMARY KEY, position INTEGER NOT NULL)');
  for (const model of models) db.exec(model.schema);
  return db;
}

const BATCH = 1000;
const POLL_MS = 250;

/**
 * Follows the log from its checkpoint and applies each batch to every read model in
 * one transaction together with their checkpoints, so a crash never counts twice.
 * Emits `changed` with the cycles a batch touched.
 */
export class Projector extends EventEmitter<{ changed: [Changes]; error: [Error] }> {
  #position: number;
  /** Where each model stands: a model added later catches up from 0 while the others skip what they have. */
  readonly #checkpoints: Map<string, number>;
  #running = false;
  #wake: (() => void) | null = null;
  #loop: Promise<void> | null = null;
  #unsubscribe: (() => void) | null = null;
  #waiters: { position: number; resolve: () => void }[] = [];

  constructor(
    private readonly store: EventStore,
    readonly db: Database.Database,
    private readonly models: readonly ReadModel[],
  ) {
    super();
    const rows = db.prepare<[], { model: string; position: number }>('SELECT model, position FROM checkpoints').all();
    const byModel = new Map(rows.map((r) => [r.model, r.position]));
    this.#checkpoints = new Map(models.map((m) => [m.name, byModel.get(m.name) ?? 0]));
    this.#position = Math.min(...this.#checkpoints.values());
  }

  get position(): number {
    return this.#position;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#unsubscribe = this.store.onAppend(() => this.#wake?.());
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#unsubscribe?.();
    this.#wake?.();
    await this.#loop;
  }

  /** Resolves once every event up to `position` is in the read models. */
  waitFor(position: number): Promise<void> {
    if (this.#position >= position) return Promise.resolve();
    return new Promise((resolve) => {
      this.#waiters.push({ position, resolve });
      this.#wake?.();
    });
  }

  /** Resolves once the read models show everything the log holds now: read-your-writes for a request. */
  async settle(): Promise<void> {
    await this.waitFor(await this.store.headPosition());
  }

  /** Applies every event now in the log; returns how many. */
  async catchUp(): Promise<number> {
    let applied = 0;
    for (;;) {
      const events = await this.store.readAll({ after: this.#position, maxCount: BATCH });
      if (events.length === 0) return applied;
      const changes: Changes = { cycles: new Set(), tasks: new Set() };
      const last = events[events.length - 1]!.position;
      const checkpoints = this.#checkpoints;
      const behind = this.models.filter((m) => checkpoints.get(m.name)! < last);
      this.db.transaction(() => {
        applyBatch(this.db, behind, events, changes, (model) => checkpoints.get(model.name)!);
        const save = this.db.prepare('INSERT OR REPLACE INTO checkpoints (model, position) VALUES (?, ?)');
        for (const model of behind) save.run(model.name, last);
      })();
      for (const model of behind) checkpoints.set(model.name, last);
      this.#position = last;
      applied += events.length;
      this.#waiters = this.#waiters.filter((w) => (w.position <= last ? (w.resolve(), false) : true));
      if (changes.cycles.size > 0 || changes.tasks.size > 0) this.emit('changed', changes);
    }
  }

  async #run(): Promise<void> {
    while (this.#running) {
      try {
        await this.catchUp();
      } catch (err) {
        this.emit('error', err as Error);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, POLL_MS);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = null;
    }
  }
}
