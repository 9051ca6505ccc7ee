import { createContext } from 'svelte';
import type { CheckResult, ItemState, Questionnaire } from '../../../../domain/survey/evaluate.js';

/** What every part of the questionnaire form shares, read through getters so each part tracks only what it reads. */
export interface FormContext {
  readonly questionnaire: Questionnaire;
  /**
   * The evaluator's verdict on one answer path as the answers are now (a roster's own row-count
   * problem included), its problem only once it shows (the path was touched, or a submission
   * tried). Each path is tracked apart: a keystroke wakes only what it changed.
   */
  state(path: string): ItemState | undefined;
  /** The check results shown for a row (`persons[2]`), or '' for the unscoped ones. */
  checks(row: string): readonly CheckResult[];
  readonly readonly: boolean;
  /** A submission was tried: every problem shows from now on. */
  readonly attempted: boolean;
  /** Explanations of warn checks, by `id@row` or `id`. */
  readonly explanations: Readonly<Record<string, string>>;
  explain(key: string, text: string): void;
  /** The user has been at this answer path: its problem (and its row's checks) may show. */
  touch(path: string): void;
}

export const [formContext, setFormContext] = createContext<FormContext>();
