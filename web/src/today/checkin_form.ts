// The daily check-in (tracking.md): symptom checklist 0-4, sleep diary, mood, habits and red
// flags; about a minute. Builds the body of POST /people/{pid}/check-ins.
import { Field, field, h, numberInput, readNumber, uid } from '../dom';
import { Instrument } from '../instruments';

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
  const select = h('select', { name }, h('option', { value: '' }, 'not answered'), h('option', { value: 'yes' }, 'yes'), h('option', { value: 'no' }, 'no'));
  return field(label, select);
}

function ratingGroup(checklist: Instrument, index: number): { el: HTMLElement; value: () => number } {
  const item = checklist.items[index];
  const name = `symptom-${item.id ?? index}`;
  const radios: HTMLInputElement[] = [];
  const group = h('fieldset', { class: 'rating' }, h('legend', {}, item.text));
  const row = h('div', { class: 'rating-options' });
  for (const opt of item.options) {
    const id = uid('r');
    const r = h('input', { type: 'radio', name, id, value: opt.value, checked: opt.value === 0 });
    radios.push(r);
    row.append(h('span', { class: 'rating-option' }, r, h('label', { for: id }, `${opt.value} ${opt.label}`)));
  }
  group.append(row);
  return { el: group, value: () => Number(radios.find((r) => r.checked)?.value ?? 0) };
}

export function checkInForm(checklist: Instrument): CheckInForm {
  const ratings = checklist.items.map((_, i) => ratingGroup(checklist, i));
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
  const meals = field('Meals', h('select', { name: 'meals' }, h('option', { value: '' }, 'not answered'), h('option', { value: 'regular' }, 'regular'), h('option', { value: 'irregular' }, 'irregular')));
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
      h('summary', {}, 'Symptoms today'),
      h('p', { class: 'hint' }, checklist.validation_note ?? "taperlab's own checklist, not a validated scale: use it to follow your own trend."),
      ratings.map((r) => r.el),
    ),
    h('details', { class: 'section', open: true }, h('summary', {}, 'Sleep'), quality.wrap, bedtime.wrap, asleep.wrap, awakenings.wrap, wake.wrap),
    h('details', { class: 'section', open: true }, h('summary', {}, 'Mood'), mood.wrap),
    h('details', { class: 'section' }, h('summary', {}, 'Habits'), exercise.wrap, exerciseKind.wrap, meals.wrap, caffeine.wrap, alcohol.wrap, relax.wrap, therapy.wrap, social.wrap),
    h(
      'fieldset',
      { class: 'section red-flags' },
      h('legend', {}, 'Since yesterday, have you had any of these?'),
      flagInputs.map((f) => f.el),
    ),
    notes.wrap,
  );

  function body(date: string): Record<string, unknown> {
    const symptoms: Record<string, number> = {};
    checklist.items.forEach((item, i) => {
      symptoms[item.id ?? String(i)] = ratings[i].value();
    });
    const sleep: Record<string, unknown> = {};
    const put = (o: Record<string, unknown>, key: string, v: unknown) => {
      if (v !== undefined && v !== '') o[key] = v;
    };
    put(sleep, 'quality', readNumber(quality.input));
    put(sleep, 'bedtime', bedtime.input.value || undefined);
    put(sleep, 'minutes_to_fall_asleep', readNumber(asleep.input));
    put(sleep, 'awakenings', readNumber(awakenings.input));
    put(sleep, 'wake_time', wake.input.value || undefined);
    const habits: Record<string, unknown> = {};
    put(habits, 'exercise_minutes', readNumber(exercise.input));
    put(habits, 'exercise_kind', exerciseKind.input.value.trim() || undefined);
    if (meals.input.value) habits.regular_meals = meals.input.value === 'regular';
    put(habits, 'caffeine_drinks', readNumber(caffeine.input));
    put(habits, 'alcohol_units', readNumber(alcohol.input));
    put(habits, 'relaxation_minutes', readNumber(relax.input));
    if (therapy.input.value) habits.therapy_session = therapy.input.value === 'yes';
    if (social.input.value) habits.social_contact = social.input.value === 'yes';
    const out: Record<string, unknown> = {
      date,
      symptoms,
      sleep,
      habits,
      red_flags: flagInputs.filter((f) => f.input.checked).map((f) => f.input.value),
    };
    put(out, 'mood', readNumber(mood.input));
    put(out, 'notes', notes.input.value.trim() || undefined);
    return out;
  }

  return { element, fields, body };
}
