import { describe, expect, it } from 'vitest';
import { focusFirst } from './form';

describe('focusFirst', () => {
  it('focuses the first element the selector picks, once rendered', async () => {
    document.body.innerHTML = '<input id="a"><input id="b" aria-invalid="true"><input id="c" aria-invalid="true">';
    await focusFirst(document, '[aria-invalid="true"]');
    expect(document.activeElement?.id).toBe('b');
  });

  it('does nothing when nothing matches', async () => {
    document.body.innerHTML = '<input id="a">';
    (document.getElementById('a') as HTMLInputElement).focus();
    await focusFirst(document, '[aria-invalid="true"]');
    expect(document.activeElement?.id).toBe('a');
  });
});
