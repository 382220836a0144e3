import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api';
import type { ImportCounts } from '../src/api/types';
import { importFailure, importSummary, MAX_LISTED_PROBLEMS, NOT_AN_EXPORT } from '../src/import_text';

// POST /import answers every count, 0 for a kind that held nothing.
const counts = (some: Partial<ImportCounts>): ImportCounts => ({
  regimens: 0,
  plan_versions: 0,
  doses: 0,
  check_ins: 0,
  questionnaire_responses: 0,
  cognitive_sessions: 0,
  decisions: 0,
  ...some,
});

describe('import summary', () => {
  it('names each kind of record that came in, with singulars and the last joined by "and"', () => {
    expect(
      importSummary({
        regimens: 1,
        plan_versions: 2,
        doses: 120,
        check_ins: 60,
        questionnaire_responses: 8,
        cognitive_sessions: 1,
        decisions: 0,
      }),
    ).toBe(
      'Your journal is imported: 60 check-ins, 120 dose records, 2 plan versions, 1 regimen, 8 questionnaires and 1 memory or attention test. Your name and profile now come from the file.',
    );
  });
  it('says so when the file held only a profile', () => {
    expect(importSummary(counts({}))).toBe('Your profile was imported. The file held no journal entries.');
  });
  it('reads one kind alone without a list', () => {
    expect(importSummary(counts({ check_ins: 1 }))).toBe(
      'Your journal is imported: 1 check-in. Your name and profile now come from the file.',
    );
  });
});

describe('import failure', () => {
  const failure = (status: number, errors?: { field: string; message: string }[], detail = 'detail') =>
    importFailure(new ApiError({ status, detail, errors }));

  it('lists the fields to fix, and how many more there are past the first few', () => {
    const errors = Array.from({ length: MAX_LISTED_PROBLEMS + 3 }, (_, i) => ({
      field: `check_ins[${i}].mood`,
      message: 'expected 0 to 10',
    }));
    const f = failure(422, errors);
    expect(f.message).toMatch(/nothing was changed/);
    expect(f.problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(f.problems[0]).toBe('check_ins[0].mood: expected 0 to 10');
    expect(f.problems[MAX_LISTED_PROBLEMS]).toBe('and 3 more');
  });
  it('explains a journal that is already there, a file too large and one that is not JSON', () => {
    expect(failure(409).message).toMatch(/already has a journal, so nothing was imported/);
    expect(failure(413).message).toMatch(/larger than taperlab accepts/);
    expect(failure(400).message).toBe(NOT_AN_EXPORT);
    expect(failure(409).problems).toEqual([]);
  });
  it('falls back to the problem detail, and to a calm line for anything else', () => {
    expect(failure(500, undefined, 'Please try again in a moment.').message).toBe(
      'Please try again in a moment. Nothing was imported.',
    );
    expect(importFailure(new Error('boom')).message).toMatch(/Nothing was imported/);
  });
});
