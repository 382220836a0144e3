// A 422 names fields by the API's names ("dose_mg", "sleep.quality"): the form marks each named
// field (aria-invalid, the message next to it) and moves the focus to the first.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api';
import type { Field } from '../src/dom';
import { markProblemFields, showProblem } from '../src/forms';

// Just what marking a field touches: its input's attributes and focus, and its error slot.
function fakeField(): Field & { focused: () => boolean; attrs: Map<string, string> } {
  const attrs = new Map<string, string>();
  let focused = false;
  const input = {
    setAttribute: (k: string, v: string) => attrs.set(k, v),
    removeAttribute: (k: string) => attrs.delete(k),
    focus: () => {
      focused = true;
    },
  };
  const error = { textContent: '' };
  return {
    wrap: {} as HTMLElement,
    input: input as unknown as HTMLInputElement,
    error: error as unknown as HTMLElement,
    focused: () => focused,
    attrs,
  };
}

const refused = (errors: { field: string; message: string }[]) =>
  new ApiError({ status: 422, title: 'Invalid request', errors });

describe('markProblemFields', () => {
  it('marks the field the API names, says why next to it and focuses it', () => {
    const dose = fakeField();
    const drug = fakeField();
    drug.attrs.set('aria-invalid', 'true'); // from an earlier try
    const unclaimed = markProblemFields(
      refused([{ field: 'dose_mg', message: 'that is the planned amount; log it as taken' }]),
      { dose_mg: dose, drug },
    );
    expect(unclaimed).toEqual([]);
    expect(dose.attrs.get('aria-invalid')).toBe('true');
    expect(dose.error.textContent).toBe('That is the planned amount; log it as taken.');
    expect(dose.focused()).toBe(true);
    expect(drug.attrs.has('aria-invalid')).toBe(false);
    expect(drug.error.textContent).toBe('');
    expect(drug.focused()).toBe(false);
  });

  it('focuses the first of several, finds a field under a record prefix, and returns the rest', () => {
    const cut = fakeField();
    const quality = fakeField();
    const unclaimed = markProblemFields(
      refused([
        { field: 'check_in.sleep.quality', message: 'expected 0 to 10' },
        { field: 'cut', message: 'expected a cut above 0% and at most 25% of the current dose' },
        { field: 'max_cut', message: "max_cut needs a clinician's override_reason" },
      ]),
      { cut, 'sleep.quality': quality },
    );
    expect(quality.attrs.get('aria-invalid')).toBe('true');
    expect(quality.focused()).toBe(true);
    expect(cut.attrs.get('aria-invalid')).toBe('true');
    expect(cut.focused()).toBe(false);
    expect(unclaimed).toEqual(["Max cut: Max_cut needs a clinician's override_reason."]);
  });
});

describe('showProblem', () => {
  it('sends the reader to the marked fields, or says the problem when none is named', () => {
    const dose = fakeField();
    const summary = { textContent: '' } as HTMLElement;
    showProblem(
      refused([{ field: 'dose_mg', message: 'expected an amount of 0 mg or more' }]),
      { dose_mg: dose },
      summary,
    );
    expect(summary.textContent).toBe('Please check the highlighted fields.');
    expect(dose.error.textContent).toBe('Expected an amount of 0 mg or more.');
    showProblem(
      new ApiError({ status: 409, title: 'Conflict', detail: 'a dose is already logged' }),
      { dose_mg: dose },
      summary,
    );
    expect(dose.attrs.has('aria-invalid')).toBe(false);
    expect(summary.textContent).toBe('A dose is already logged.');
  });
});
