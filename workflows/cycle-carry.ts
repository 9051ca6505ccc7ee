import type { CycleState } from '../domain/cycle/state.js';
import type { Caller } from './definitions.js';

/** What one run of the cycle hands to the next when it continues as new. */
export interface CycleCarry {
  readonly state: CycleState;
  readonly final: number;
  readonly phase: 'launching' | 'collecting' | 'closing' | 'closed' | 'cancelling';
  readonly after: string | null;
  readonly load: Record<string, number>;
  /** The deadline the tasks were last told about. */
  readonly broadcastDeadline: string;
  readonly closeRequest: Caller | null;
  readonly cancelRequest: (Caller & { reason: string }) | null;
  readonly publishRequest: Caller | null;
  /** Why and by whom collection is closing, while it is. */
  readonly closing?: { readonly reason: 'deadline' | 'manager'; readonly by: Caller } | null;
  /** The last task told that collection closed or the cycle is cancelled, while the cycle tells them. */
  readonly toldUpTo?: string | null;
  /** Tasks started again after collection closed to take a late submission, until they are final again. */
  readonly reopened?: readonly string[];
}

