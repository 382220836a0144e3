// The body of POST /people/{pid}/check-ins from what the form holds (pure, tested). Missing is
// not zero (docs/tracking.md): a symptom the person did not answer is left out of the body, never
// sent as 0 ("none"); sleep, mood and habits left empty are left out too, never defaulted.

export type Rating = number | null; // 0..4, or null when not answered

export interface CheckInValues {
  symptoms: [id: string, rating: Rating][];
  sleep: {
    quality?: number;
    bedtime?: string;
    minutes_to_fall_asleep?: number;
    awakenings?: number;
    wake_time?: string;
  };
  mood?: number;
  habits: {
    exercise_minutes?: number;
    exercise_kind?: string;
    regular_meals?: boolean;
    caffeine_drinks?: number;
    alcohol_units?: number;
    relaxation_minutes?: number;
    therapy_session?: boolean;
    social_contact?: boolean;
  };
  red_flags: string[];
  notes?: string;
}

// Only the keys that hold a value: undefined, null and '' are "not answered".
function given<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, v] of Object.entries(o) as [keyof T, T[keyof T]][]) {
    if (v !== undefined && v !== null && (v as unknown) !== '') out[key] = v;
  }
  return out;
}

export function answeredSymptoms(symptoms: CheckInValues['symptoms']): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, rating] of symptoms) {
    if (typeof rating === 'number' && Number.isInteger(rating)) out[id] = rating;
  }
  return out;
}

export function checkInBody(date: string, v: CheckInValues): Record<string, unknown> {
  const out: Record<string, unknown> = {
    date,
    symptoms: answeredSymptoms(v.symptoms),
    sleep: given(v.sleep),
    habits: given(v.habits),
    red_flags: [...v.red_flags],
  };
  if (typeof v.mood === 'number') out.mood = v.mood;
  if (v.notes) out.notes = v.notes;
  return out;
}

// "3 of 22 answered", for the form as it is filled in.
export function answeredText(symptoms: CheckInValues['symptoms']): string {
  const n = Object.keys(answeredSymptoms(symptoms)).length;
  return `${n} of ${symptoms.length} answered`;
}
