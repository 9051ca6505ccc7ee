import { describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/index.svelte';
import { describePath, draftKeys, emptyDraft, placeProblems, toDefinition } from './survey-draft';

describe('the survey draft', () => {
  it('becomes the document the API takes: numbers parsed, choices one per line, empty options left out', () => {
    const draft = emptyDraft();
    draft.code = ' EST ';
    draft.fields = [
      { id: 'revenue', type: 'decimal', required: true, min: '0', max: '12,5', choices: '', labelVi: 'Doanh thu', labelEn: 'Revenue' },
      { id: 'sector', type: 'choice', required: false, min: '3', max: '', choices: 'a\n\n b \n', labelVi: 'Ngành', labelEn: 'Sector' },
    ];
    draft.outputs = [{ id: 'total', aggregate: 'sum', field: 'revenue', by: 'province' }, { id: 'n', aggregate: 'count', field: 'revenue', by: 'country' }];
    draft.reviewLevels = ['province', 'commune'];
    draft.scheduled = true;
    draft.every = 'quarter';
    draft.collectionDays = 'ten';
    const definition = toDefinition(draft);
    expect(definition).toMatchObject({
      code: 'EST',
      fields: [
        { id: 'revenue', type: 'decimal', required: true, min: 0, max: 12.5 },
        { id: 'sector', type: 'choice', choices: ['a', 'b'] },
      ],
      reviewLevels: ['commune', 'province'],
      outputs: [{ id: 'total', aggregate: 'sum', field: 'revenue', by: 'province' }, { id: 'n', aggregate: 'count', by: 'country' }],
      schedule: { every: 'quarter', collectionDays: 'ten' },
    });
    expect(definition.fields).not.toContainEqual(expect.objectContaining({ id: 'sector', min: 3 }));
  });

  it('puts each server problem, in the user’s words, on the nearest input its path names', () => {
    setLocale('vi');
    const draft = emptyDraft();
    const { byKey, unplaced } = placeProblems(
      [
        { path: 'body.fields.0.choices.2', message: 'Too big', code: 'too_big', params: { maximum: 200 } },
        { path: 'body.title.vi', message: 'Too small', code: 'too_small', params: { minimum: 1 } },
        { path: 'body.fields.3.id', message: 'duplicate id "age"', code: 'duplicate_id', params: { id: 'age' } },
        { path: 'body', message: 'whole', code: 'items_or_fields', params: {} },
      ],
      draftKeys(draft),
    );
    expect(byKey).toEqual({ 'fields-0-choices': ['quá lớn hoặc quá dài (tối đa 200)'], 'title-vi': ['quá nhỏ hoặc quá ngắn (tối thiểu 1)'], fields: ['mã “age” bị trùng'] });
    expect(unplaced).toEqual([{ path: 'body', message: 'whole', code: 'items_or_fields', params: {} }]);
  });

  it('names a path in words, in the active language', () => {
    setLocale('vi');
    expect(describePath('body.fields.1.max')).toBe('Câu hỏi 2 › Giá trị lớn nhất');
    expect(describePath('body.checks.0.message.en')).toBe('Kiểm tra 1 › Thông báo › English');
    setLocale('en');
    expect(describePath('body.outputs.0.field')).toBe('Table 1 › Question aggregated');
    expect(describePath('body')).toBe('The whole definition');
    setLocale('vi');
  });
});
