import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import { replace } from '../lib/router.svelte';
import { fakeApi, signedIn } from '../test/fake-api';

// The server words a problem in English for API clients; the editor words it from its code, in the user's language.
const DUPLICATE = {
  status: 400,
  body: {
    type: 'about:blank',
    title: 'Bad request',
    status: 400,
    detail: 'invalid body: body.fields.1.id duplicate id "members"',
    code: 'request_invalid',
    params: {},
    errors: [{ path: 'body.fields.1.id', message: 'duplicate id "members"', code: 'duplicate_id', params: { id: 'members' } }],
  },
};

const LANGUAGES = [
  { locale: 'vi', basics: 'Thông tin chung', code: /^Mã/, question: 'Câu hỏi 2', id: /^Mã/, add: 'Thêm câu hỏi', submit: 'Tạo cuộc điều tra', words: 'mã “members” bị trùng', place: 'Câu hỏi 2 › Mã' },
  { locale: 'en', basics: 'Overview', code: /^Code/, question: 'Question 2', id: /^Id/, add: 'Add a question', submit: 'Create the survey', words: 'duplicate id “members”', place: 'Question 2 › Id' },
] as const;

beforeEach(() => replace('/surveys/new'));

describe('a definition the server refuses, in the editor', () => {
  for (const language of LANGUAGES) {
    it(`shows a duplicate id at its input in the user's language (${language.locale})`, async () => {
      signedIn('manager', 'manager', ['VN'], language.locale);
      fakeApi({ 'POST /api/surveys': DUPLICATE });
      const user = userEvent.setup();
      render(App);
      // The page is loaded when first opened (lib/pages.ts).
      await screen.findByRole('heading', { level: 1 });
      await user.type(within(screen.getByRole('group', { name: language.basics })).getByRole('textbox', { name: language.code }), 'EST');
      await user.click(screen.getByRole('button', { name: language.add }));
      const second = screen.getByRole('group', { name: language.question });
      const id = within(second).getByRole('textbox', { name: language.id });
      await user.type(id, 'members');
      await user.click(screen.getByRole('button', { name: language.submit }));

      await expect.poll(() => id.getAttribute('aria-invalid')).toBe('true');
      expect(id).toHaveAccessibleDescription(language.words);
      const summary = screen.getByTestId('survey-problems');
      expect(within(summary).getByRole('listitem').textContent?.replace(/\s+/g, ' ')).toContain(`${language.place} fields.1.id: ${language.words}`);
      expect(document.body.textContent).not.toContain('duplicate id "members"');
    });
  }

  it('words a refusal without field problems by its code, never by its English detail', async () => {
    signedIn('manager', 'manager', ['VN'], 'vi');
    fakeApi({
      'POST /api/surveys': { status: 400, body: { type: 'about:blank', title: 'Bad request', status: 400, detail: 'the definition is not valid', code: 'survey.definition_invalid', params: {} } },
    });
    const user = userEvent.setup();
    render(App);
    // The page is loaded when first opened (lib/pages.ts).
    await screen.findByRole('heading', { level: 1 });
    await user.type(within(screen.getByRole('group', { name: 'Thông tin chung' })).getByRole('textbox', { name: /^Mã/ }), 'EST');
    await user.click(screen.getByRole('button', { name: 'Tạo cuộc điều tra' }));

    expect(await screen.findByText('Định nghĩa cuộc điều tra không hợp lệ.')).toBeInTheDocument();
    expect(document.body.textContent).not.toContain('the definition is not valid');
  });
});
