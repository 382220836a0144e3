// The daily check-in (docs/tracking.md): symptom checklist 0-4, sleep diary, mood, habits and red
// flags; about a minute. Builds the body of POST /people/{pid}/check-ins.
import { Field, field, h, numberInput, readNumber, uid } from '../dom';
import { Instrument } from '../instruments';
import { answeredText, checkInBody, CheckInValues, Rating } from './checkin_body';

export const RED_FLAGS: [string, string][] = [
  ['seizure', 'A seizure (fit)'],
  ['confusion', 'Confusion'],
  ['hallucinations', 'Seeing or hearing things that are not there'],
  ['self-harm', 'Thoughts of harming yourself, or that you would be better off dead'],
];

export interface CheckInForm {
  element: HTMLFormElement;
  fields: Record<string, Field>;
  body(date: string): Record<string, unknown>;
}

function yesNo(name: string, label: string): Field {
  const select = h(
    'select',
    { name },
    h('option', { value: '' }, 'not answered'),
    h('option', { value: 'yes' }, 'yes'),
    h('option', { value: 'no' }, 'no'),
  );
  return field(label, select);
}

// One symptom: a radio group whose first choice, checked at the start, is "not answered", distinct
// from "0 none" (missing is not zero). A radio group is reached with Tab and changed with the
// arrow keys, and the legend names the symptom to a screen reader; choosing "not answered" again
// takes an answer back.
export function ratingGroup(checklist: Instrument, index: number): { el: HTMLElement; value: () => Rating } {
  const item = checklist.items[index];
  const name = `symptom-${item.id ?? index}`;
  const radios: HTMLInputElement[] = [];
  const group = h('fieldset', { class: 'rating', 'data-item': item.id ?? String(index) }, h('legend', {}, item.text));
  const row = h('div', { class: 'rating-options' });
  const skipId = uid('r');
  const skip = h('input', { type: 'radio', name, id: skipId, value: '', checked: true });
  radios.push(skip);
  row.append(h('span', { class: 'rating-option rating-skip' }, skip, h('label', { for: skipId }, 'not answered')));
  for (const opt of item.options) {
    const id = uid('r');
    const r = h('input', { type: 'radio', name, id, value: opt.value });
    radios.push(r);
    row.append(h('span', { class: 'rating-option' }, r, h('label', { for: id }, `${opt.value} ${opt.label}`)));
  }
  group.append(row);
  return {
    el: group,
    value: () => {
      const v = radios.find((r) => r.checked)?.value ?? '';
      return v === '' ? null : Number(v);
    },
  };
}

export function checkInForm(checklist: Instrument): CheckInForm {
  const ratings = checklist.items.map((_, i) => ratingGroup(checklist, i));
  const symptomValues = (): CheckInValues['symptoms'] =>
    checklist.items.map((item, i) => [item.id ?? String(i), ratings[i].value()]);
  const answered = h('span', { class: 'answered-count' }, answeredText(symptomValues()));
  const quality = field('Sleep quality last night, 0 (very poor) to 10 (very good)', numberInput(0, 10));
  quality.input.name = 'sleep-quality';
  const bedtime = field('Bedtime', h('input', { type: 'time', name: 'bedtime' }));
  const asleep = field('Minutes to fall asleep', numberInput(0, 720));
  const awakenings = field('Times you woke in the night', numberInput(0, 50));
  awakenings.input.name = 'awakenings';
  const wake = field('Wake time', h('input', { type: 'time', name: 'wake' }));
  const mood = field('Mood today, 0 (very low) to 10 (very good)', numberInput(0, 10));
  mood.input.name = 'mood';
  const exercise = field('Minutes of exercise', numberInput(0, 1440));
  exercise.input.name = 'exercise';
  const exerciseKind = field('Kind of exercise (optional)', h('input', { type: 'text', name: 'exercise-kind' }));
  const meals = field(
    'Meals',
    h(
      'select',
      { name: 'meals' },
      h('option', { value: '' }, 'not answered'),
      h('option', { value: 'regular' }, 'regular'),
      h('option', { value: 'irregular' }, 'irregular'),
    ),
  );
  const caffeine = field('Caffeinated drinks', numberInput(0, 50));
  caffeine.input.name = 'caffeine';
  const alcohol = field('Alcohol units', numberInput(0, 100, 0.5));
  alcohol.input.name = 'alcohol';
  const relax = field('Minutes of meditation or relaxation', numberInput(0, 1440));
  relax.input.name = 'relaxation';
  const therapy = yesNo('therapy', 'A therapy session today');
  const social = yesNo('social', 'Time with people you like');
  const notes = field('Anything else to note (optional)', h('textarea', { name: 'notes', rows: 2 }));
  const flagInputs = RED_FLAGS.map(([value, label]) => {
    const id = uid('flag');
    const input = h('input', { type: 'checkbox', id, value, name: 'red-flag' });
    return { input, el: h('div', { class: 'check' }, input, h('label', { for: id }, label)) };
  });

  const fields: Record<string, Field> = {
    'sleep.quality': quality,
    'sleep.bedtime': bedtime,
    'sleep.minutes_to_fall_asleep': asleep,
    'sleep.awakenings': awakenings,
    'sleep.wake_time': wake,
    mood,
    'habits.exercise_minutes': exercise,
    'habits.exercise_kind': exerciseKind,
    'habits.regular_meals': meals,
    'habits.caffeine_drinks': caffeine,
    'habits.alcohol_units': alcohol,
    'habits.relaxation_minutes': relax,
    'habits.therapy_session': therapy,
    'habits.social_contact': social,
    notes,
  };

  const element = h(
    'form',
    { class: 'card checkin', novalidate: true, 'aria-labelledby': 'checkin-title' },
    h('h2', { id: 'checkin-title' }, 'Daily check-in'),
    h('p', { class: 'hint' }, 'About a minute. Skip anything you prefer not to answer.'),
    h(
      'details',
      { class: 'section', open: true },
      h('summary', {}, 'Symptoms today ', answered),
      h(
        'p',
        { class: 'hint' },
        checklist.validation_note ??
          "taperlab's own checklist, not a validated scale: use it to follow your own trend.",
      ),
      h(
        'p',
        { class: 'hint' },
        'A symptom left at "not answered" is saved as not answered, not as "none": choose 0 for a symptom you did not have. The score counts the symptoms you answered.',
      ),
      ratings.map((r) => r.el),
    ),
    h(
      'details',
      { class: 'section', open: true },
      h('summary', {}, 'Sleep'),
      quality.wrap,
      bedtime.wrap,
      asleep.wrap,
      awakenings.wrap,
      wake.wrap,
    ),
    h('details', { class: 'section', open: true }, h('summary', {}, 'Mood'), mood.wrap),
    h(
      'details',
      { class: 'section' },
      h('summary', {}, 'Habits'),
      exercise.wrap,
      exerciseKind.wrap,
      meals.wrap,
      caffeine.wrap,
      alcohol.wrap,
      relax.wrap,
      therapy.wrap,
      social.wrap,
    ),
    h(
      'fieldset',
      { class: 'section red-flags' },
      h('legend', {}, 'Since yesterday, have you had any of these?'),
      flagInputs.map((f) => f.el),
    ),
    notes.wrap,
  );

  element.addEventListener('change', (e) => {
    if ((e.target as HTMLElement).closest?.('.rating')) answered.textContent = answeredText(symptomValues());
  });

  function body(date: string): Record<string, unknown> {
    const choice = (select: Field, yes: string) => (select.input.value ? select.input.value === yes : undefined);
    return checkInBody(date, {
      symptoms: symptomValues(),
      sleep: {
        quality: readNumber(quality.input),
        bedtime: bedtime.input.value || undefined,
        minutes_to_fall_asleep: readNumber(asleep.input),
        awakenings: readNumber(awakenings.input),
        wake_time: wake.input.value || undefined,
      },
      mood: readNumber(mood.input),
      habits: {
        exercise_minutes: readNumber(exercise.input),
        exercise_kind: exerciseKind.input.value.trim() || undefined,
        regular_meals: choice(meals, 'regular'),
        caffeine_drinks: readNumber(caffeine.input),
        alcohol_units: readNumber(alcohol.input),
        relaxation_minutes: readNumber(relax.input),
        therapy_session: choice(therapy, 'yes'),
        social_contact: choice(social, 'yes'),
      },
      red_flags: flagInputs.filter((f) => f.input.checked).map((f) => f.input.value),
      notes: notes.input.value.trim() || undefined,
    });
  }

  return { element, fields, body };
}
