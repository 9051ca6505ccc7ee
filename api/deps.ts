import type { Client } from '@temporalio/client';
import type Database from 'better-sqlite3';
import type { Geography } from '../domain/geography/geography.js';
import type { DraftStore } from '../eventstore/drafts.js';
import type { EventStore } from '../eventstore/port.js';
import type { DeviceSessions } from '../eventstore/sessions.js';
import type { Projector } from '../projections/projector.js';
import type { WriteGate } from './write-gate.js';

/** What the API needs from the rest of the system. */
export interface ApiDeps {
  readonly store: EventStore;
  /** Tasks' work in progress, beside the log. */
  readonly drafts: DraftStore;
  /** Named devices' refresh tokens, beside the log. */
  readonly sessions: DeviceSessions;
  readonly readDb: Database.Database;
  readonly projector: Projector;
  readonly temporal: Client;
  readonly taskQueue: string;
  readonly geography: Geography;
  readonly authSecret: string;
  /** Folder of the built UI, served at `/` when present. */
  readonly uiDir?: string;
  readonly temporalUiUrl?: string;
  readonly loginRateLimit?: number;
  /** Enrolment attempts per address per minute; 10 when absent. */
  readonly enrolRateLimit?: number;
  /** Writes (POST, PUT, PATCH, DELETE under /api/) per user per minute; 600 when absent. */
  readonly writeRateLimit?: number;
  /** When set, `/metrics` needs `Authorization: Bearer <metricsToken>`. */
  readonly metricsToken?: string;
  /** Other processes append to the same log (a cluster's replicas): reads wait until the read models show it. */
  readonly sharedLog?: boolean;
  /** Holds writes while a backup snapshots the data folder (write-gate.ts); none when absent. */
  readonly writeGate?: WriteGate;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: ApiDeps;
  }
}
