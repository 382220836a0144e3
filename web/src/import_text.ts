// An import's outcome in plain words: what came in (POST /people/{pid}/import answers the count of
// each kind of record) or, when the file was refused, why, with the fields to fix. Nothing is kept
// from a refused file, and the words say so: a worried person should not have to guess.
import { ApiError } from './api';
import type { ImportCounts } from './api/types';

const KINDS: [keyof ImportCounts, string, string][] = [
  ['check_ins', 'check-in', 'check-ins'],
  ['doses', 'dose record', 'dose records'],
  ['plan_versions', 'plan version', 'plan versions'],
  ['regimens', 'regimen', 'regimens'],
  ['questionnaire_responses', 'questionnaire', 'questionnaires'],
  ['cognitive_sessions', 'memory or attention test', 'memory and attention tests'],
  ['decisions', 'plan decision', 'plan decisions'],
];

function joinWords(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export function importSummary(counts: ImportCounts): string {
  const parts = KINDS.filter(([key]) => counts[key] > 0).map(([key, one, many]) => {
    const n = counts[key];
    return `${n} ${n === 1 ? one : many}`;
  });
  if (!parts.length) return 'Your profile was imported. The file held no journal entries.';
  return `Your journal is imported: ${joinWords(parts)}. Your name and profile now come from the file.`;
}

export const NOT_AN_EXPORT =
  'This file is not a taperlab journal export (it could not be read as JSON). Nothing was changed.';

// A long list of wrong fields helps no one: the first few show what is wrong with the file.
export const MAX_LISTED_PROBLEMS = 10;

export interface ImportFailure {
  message: string;
  problems: string[]; // "check_ins[3].sleep.quality: expected 0 to 10"
}

export function importFailure(error: unknown): ImportFailure {
  if (!(error instanceof ApiError))
    return { message: 'Something went wrong. Nothing was imported; please try again.', problems: [] };
  switch (error.status) {
    case 400:
      return { message: NOT_AN_EXPORT, problems: [] };
    case 409:
      return {
        message:
          'This account already has a journal, so nothing was imported. A journal can be imported only into an account with no entries yet, such as a new one.',
        problems: [],
      };
    case 413:
      return { message: 'This file is larger than taperlab accepts, so nothing was imported.', problems: [] };
    case 422: {
      const all = error.fieldErrors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
      const problems = all.slice(0, MAX_LISTED_PROBLEMS);
      if (all.length > problems.length) problems.push(`and ${all.length - problems.length} more`);
      return {
        message: all.length
          ? 'This file could not be imported, and nothing was changed. What needs fixing:'
          : `This file could not be imported, and nothing was changed. ${error.message}`,
        problems,
      };
    }
    default:
      return { message: `${error.message} Nothing was imported.`, problems: [] };
  }
}
