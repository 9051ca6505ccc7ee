import type { SurveyDefinition } from './definition.js';
import type { SurveyEvent, SurveyScheduleChanged } from './events.js';

export interface SurveyState {
  readonly id: string;
  /** Null until the survey is defined; a definition never changes once recorded. */
  readonly definition: SurveyDefinition | null;
  /** The newest version's number: 1 once defined, one more per revision. */
  readonly version: number;
  /** Every version's definition, the first at index 0. */
  readonly versions: readonly SurveyDefinition[];
  /** The reporting schedule's state; null for a survey without a schedule. */
  readonly schedule: SurveyScheduleChanged['data']['state'] | null;
  /** Revision of the last event folded in; -1 before the first. */
  readonly revision: number;
}

export const initialSurveyState: SurveyState = { id: '', definition: null, version: 0, versions: [], schedule: null, revision: -1 };

export function evolveSurvey(state: SurveyState, event: SurveyEvent): SurveyState {
  const next = { ...state, revision: state.revision + 1 };
  switch (event.type) {
    case 'SurveyDefined':
      return { ...next, id: event.data.id, definition: event.data.definition, version: 1, versions: [event.data.definition] };
    case 'SurveyRevised':
      return { ...next, definition: event.data.definition, version: event.data.version, versions: [...state.versions, event.data.definition] };
    case 'SurveyScheduleChanged':
      return { ...next, schedule: event.data.state };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
