// The lighter check-in after the last dose (docs/tracking.md, "After the last dose"): the symptoms that
// remain (rated above 0 in the last 4 weeks of the taper or since; every item when none is
// known), sleep quality, mood and the red flags. The other symptoms are one explicit question:
// "none of them today" records 0 for each (the person said so), "some came back" opens them to
// rate, and left unanswered they stay not answered (missing is not zero). Builds the same body as
// the daily check-in (checkin_body.ts), so the server, the score and the decisions treat it alike.
import { field, h, numberInput, readNumber, uid } from '../dom';
import { Instrument } from '../instruments';
import { answeredText, checkInBody, CheckInValues, Rating } from './checkin_body';
import { CheckInForm, RED_FLAGS, ratingGroup } from './checkin_form';

export type OthersChoice = 'unanswered' | 'none' | 'rate';

// The symptoms of the body (pure, tested): the remaining items as rated; the others 0 when the
// person said "none of them today", as rated when they chose to rate them, else not answered.
export function recoverySymptoms(
  itemIds: string[],
  remaining: Set<string>,
  rating: (id: string) => Rating,
  others: OthersChoice,
): CheckInValues['symptoms'] {
  return itemIds.map((id): [string, Rating] => {
    if (remaining.has(id) || others === 'rate') return [id, rating(id)];
    return [id, others === 'none' ? 0 : null];
  });
}

// The checklist items to ask first: the remaining ones, or all when none is known.
export function askedFirst(itemIds: string[], remaining: string[]): Set<string> {
  const known = remaining.filter((id) => itemIds.includes(id));
  return new Set(known.length ? known : itemIds);
}

export function recoveryCheckInForm(checklist: Instrument, remaining: string[]): CheckInForm {
  const ids = checklist.items.map((item, i) => item.id ?? String(i));
  const first = askedFirst(ids, remaining);
  const groups = new Map(ids.map((id, i) => [id, ratingGroup(checklist, i)]));
  const othersIds = ids.filter((id) => !first.has(id));

  const othersName = uid('others');
  const choices: [OthersChoice, string][] = [
    ['unanswered', 'not answered'],
    ['none', 'none of them today'],
    ['rate', 'some came back: rate them'],
  ];
  const otherRadios = choices.map(([value, label]) => {
    const id = uid('o');
    const input = h('input', { type: 'radio', name: othersName, id, value, checked: value === 'unanswered' });
    return { input, el: h('span', { class: 'rating-option' }, input, h('label', { for: id }, label)) };
  });
  const othersChoice = (): OthersChoice =>
    (otherRadios.find((r) => r.input.checked)?.input.value as OthersChoice) ?? 'unanswered';
  const othersList = h(
    'div',
    { class: 'others-list', 'data-testid': 'other-symptoms' },
    othersIds.map((id) => (groups.get(id) as { el: HTMLElement }).el),
  );
  othersList.hidden = true;

  const symptomValues = () =>
    recoverySymptoms(ids, first, (id) => (groups.get(id) as { value: () => Rating }).value(), othersChoice());
  const answered = h('span', { class: 'answered-count' }, answeredText(symptomValues()));

  const quality = field('Sleep quality last night, 0 (very poor) to 10 (very good)', numberInput(0, 10));
  quality.input.name = 'sleep-quality';
  const mood = field('Mood today, 0 (very low) to 10 (very good)', numberInput(0, 10));
  mood.input.name = 'mood';
  const notes = field('Anything else to note (optional)', h('textarea', { name: 'notes', rows: 2 }));
  const flagInputs = RED_FLAGS.map(([value, label]) => {
    const id = uid('flag');
    const input = h('input', { type: 'checkbox', id, value, name: 'red-flag' });
    return { input, el: h('div', { class: 'check' }, input, h('label', { for: id }, label)) };
  });

  const remainingText = remaining.length
    ? 'The symptoms you rated above 0 in the last 4 weeks of your taper or since.'
    : 'No symptom was rated above 0 in the last 4 weeks of your taper or since, so all are asked.';
  const othersSection = othersIds.length
    ? h(
        'fieldset',
        { class: 'section rating others' },
        h('legend', {}, `The other ${othersIds.length} symptoms (not felt in the last 4 weeks)`),
        h(
          'div',
          { class: 'rating-options' },
          otherRadios.map((r) => r.el),
        ),
        othersList,
      )
    : null;

  const element = h(
    'form',
    {
      class: 'card checkin recovery-checkin',
      novalidate: true,
      'aria-labelledby': 'checkin-title',
      'data-testid': 'recovery-checkin',
    },
    h('h2', { id: 'checkin-title' }, 'Check-in after your last dose'),
    h(
      'p',
      { class: 'hint' },
      'A lighter check-in: the symptoms that remain, sleep and mood. Skip anything you prefer not to answer.',
    ),
    h(
      'details',
      { class: 'section', open: true },
      h('summary', {}, 'Symptoms that remain ', answered),
      h('p', { class: 'hint' }, remainingText),
      h(
        'p',
        { class: 'hint' },
        checklist.validation_note ??
          "taperlab's own checklist, not a validated scale: use it to follow your own trend.",
      ),
      [...first].map((id) => (groups.get(id) as { el: HTMLElement }).el),
      othersSection,
    ),
    h('details', { class: 'section', open: true }, h('summary', {}, 'Sleep'), quality.wrap),
    h('details', { class: 'section', open: true }, h('summary', {}, 'Mood'), mood.wrap),
    h(
      'fieldset',
      { class: 'section red-flags' },
      h('legend', {}, 'Since yesterday, have you had any of these?'),
      flagInputs.map((f) => f.el),
    ),
    notes.wrap,
  );

  element.addEventListener('change', (e) => {
    const target = e.target as HTMLInputElement;
    if (target.name === othersName) othersList.hidden = othersChoice() !== 'rate';
    answered.textContent = answeredText(symptomValues());
  });

  function body(date: string): Record<string, unknown> {
    return checkInBody(date, {
      symptoms: symptomValues(),
      sleep: { quality: readNumber(quality.input) },
      mood: readNumber(mood.input),
      habits: {},
      red_flags: flagInputs.filter((f) => f.input.checked).map((f) => f.input.value),
      notes: notes.input.value.trim() || undefined,
    });
  }

  return { element, fields: { 'sleep.quality': quality, mood, notes }, body };
}
