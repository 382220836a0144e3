import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api';
import { localeCountry } from '../src/crisis';
import { fieldLabel, fieldSentence, problemText, sentence } from '../src/problem_text';

describe('server messages as sentences', () => {
  it('turns a field and a fragment into one sentence', () => {
    expect(fieldSentence({ field: 'date', message: 'is in the future' })).toBe('Date is in the future.');
    expect(fieldSentence({ field: 'check_in.sleep.quality', message: 'must lie between 0 and 10' })).toBe(
      'Sleep quality must lie between 0 and 10.',
    );
    expect(fieldSentence({ field: 'by', message: 'expected "person" or "clinician"' })).toBe(
      'Who resumes the plan should be "person" or "clinician".',
    );
    expect(fieldSentence({ field: 'reason', message: 'say in a few words why the plan resumes' })).toBe(
      'Reason: Say in a few words why the plan resumes.',
    );
    expect(fieldSentence({ field: '', message: 'no plan saved' })).toBe('No plan saved.');
  });
  it('names fields in words, without indexes or record prefixes', () => {
    expect(fieldLabel('check_ins[3].mood')).toBe('Mood');
    expect(fieldLabel('minutes_to_fall_asleep')).toBe('Minutes to fall asleep');
  });
  it('never shows the raw "field: message" detail of a 422', () => {
    const e = new ApiError({
      status: 422,
      title: 'Invalid input',
      detail: 'date: is in the future',
      errors: [{ field: 'date', message: 'is in the future' }],
    });
    expect(e.message).toBe('Date is in the future.');
    expect(problemText({ status: 422, title: 'Invalid input', detail: 'date: is in the future' })).toBe(
      'Invalid input.',
    );
  });
  it('makes a sentence of a conflict, and of markup a fallback', () => {
    expect(
      new ApiError({
        status: 409,
        title: 'Conflict',
        detail: 'the plan is not paused on 2026-12-07: there is nothing to resume',
      }).message,
    ).toBe('The plan is not paused on 2026-12-07: there is nothing to resume.');
    expect(problemText({ status: 502, title: 'Bad Gateway', detail: '<html><body>502</body></html>' })).toBe(
      'Bad Gateway.',
    );
    expect(problemText({ status: 500 })).toBe('The request failed (error 500). Please try again.');
    expect(sentence('Please try again in a moment.')).toBe('Please try again in a moment.');
  });
});

describe('Help now before sign-in', () => {
  it("reads the country from the browser's language", () => {
    expect(localeCountry(['en-GB', 'en'])).toBe('GB');
    expect(localeCountry(['en', 'en-US'])).toBe('US');
    expect(localeCountry(['de'])).toBe('');
    expect(localeCountry(['es-419', 'pt_BR'])).toBe('BR');
  });
});
