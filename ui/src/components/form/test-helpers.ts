import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import type { Questionnaire, ResponseContext } from '../../../../domain/survey/evaluate.js';
import type { Submission } from '../../lib/questionnaire-form';
import QuestionnaireForm from './QuestionnaireForm.svelte';

/** Renders the form with its two bindings read back through `bound`, as a parent's `bind:` would see them. */
export function renderForm(questionnaire: Questionnaire, answers: Record<string, unknown> = {}, more: { readonly?: boolean; context?: ResponseContext } = {}) {
  const bound: { answers: Record<string, unknown>; explanations: Record<string, string> } = { answers, explanations: {} };
  const onsubmit = vi.fn<(submission: Submission) => void>();
  render(QuestionnaireForm, {
    props: {
      questionnaire,
      onsubmit,
      ...more,
      get answers() {
        return bound.answers;
      },
      set answers(value) {
        bound.answers = value;
      },
      get explanations() {
        return bound.explanations;
      },
      set explanations(value) {
        bound.explanations = value;
      },
    },
  });
  return { bound, onsubmit, user: userEvent.setup() };
}

/** A radio button inside the radio group with this name. */
export const radio = (group: RegExp | string, option: string) => within(screen.getByRole('radiogroup', { name: group })).getByRole('radio', { name: option });

/** A roster's rows in the bound answers. */
export const rowsOf = (answers: Record<string, unknown>, roster: string): Record<string, unknown>[] => {
  const rows = answers[roster];
  return Array.isArray(rows) ? rows : [];
};

/** A plain copy of reactive answers, for `toEqual`. */
export const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
