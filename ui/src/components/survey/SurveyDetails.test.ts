import { render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../i18n/index.svelte';
import { LFS } from '../../test/fixtures';
import SurveyDetails from './SurveyDetails.svelte';

const DEFINITION = {
  ...LFS.definition,
  outputs: [
    { id: 'employed', aggregate: 'sum' as const, field: 'employed', by: 'province' as const },
    { id: 'households', aggregate: 'count' as const, by: 'commune' as const },
  ],
};

beforeEach(() => setLocale('vi'));

describe('a survey’s outputs', () => {
  it('are named by the questionnaire’s labels, their ids kept beside as reference', () => {
    render(SurveyDetails, { definition: DEFINITION });
    expect(screen.getByTestId('output-employed')).toHaveTextContent(/^Tổng Số người có việc làm theo cấp tỉnh \(employed\)$/);
    expect(screen.getByTestId('output-households')).toHaveTextContent(/^Số đơn vị theo cấp xã \(households\)$/);
    expect(screen.queryByText(/Tổng employed/)).not.toBeInTheDocument();
  });

  it('are named in English too', () => {
    setLocale('en');
    render(SurveyDetails, { definition: DEFINITION });
    expect(screen.getByTestId('output-employed')).toHaveTextContent(/^Sum of Employed members by province level \(employed\)$/);
  });

  it('are headed by the label the survey gives a table, in the user’s language', () => {
    const labelled = { ...DEFINITION, outputs: [{ ...DEFINITION.outputs[1]!, label: { vi: 'Số hộ theo xã', en: 'Households by commune' } }] };
    render(SurveyDetails, { definition: labelled });
    expect(screen.getByTestId('output-households')).toHaveTextContent(/^Số hộ theo xã \(households\)$/);
    setLocale('en');
    return vi.waitFor(() => expect(screen.getByTestId('output-households')).toHaveTextContent(/^Households by commune \(households\)$/));
  });
});
