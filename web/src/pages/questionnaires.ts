// PHQ-9 and GAD-7: answer, see the score and its band; PHQ-9 item 9 above 0 brings the crisis
// screen (the answer then carries "crisis_message").
import { api, personPath } from '../api';
import { asyncListener, h, liveRegion, prescriberNote, uid } from '../dom';
import { showProblem } from '../forms';
import { showCrisis } from '../crisis';
import { Instrument, instruments } from '../instruments';
import { personId } from '../session';
import { reviewLines } from '../review_text';
import type { QuestionnaireList, QuestionnaireResult } from '../api/types';

const OFFERED = ['phq9', 'gad7'];

async function renderList(main: HTMLElement): Promise<void> {
  const all = (await instruments()).filter((i) => OFFERED.includes(i.id));
  const history = await api
    .get<QuestionnaireList>(personPath(personId(), '/questionnaires'))
    .then((a) => a.responses)
    .catch((): QuestionnaireList['responses'] => []);
  const list = h('ul', { class: 'choices' });
  for (const inst of all) {
    const last = history.filter((r) => r.instrument_id === inst.id).pop();
    list.append(
      h(
        'li',
        {},
        h('a', { class: 'button', href: `#/questionnaires/${inst.id}` }, `${inst.name}: ${inst.full_name}`),
        h(
          'p',
          { class: 'hint' },
          last ? `Last answered ${last.date}: ${last.total} (${last.band}).` : 'Not answered yet.',
          ' Suggested every two weeks.',
        ),
      ),
    );
  }
  main.append(
    h(
      'p',
      {},
      'Two short, widely used questionnaires about mood and worry over the last two weeks. They measure how much these have bothered you; they do not make a diagnosis.',
    ),
    list,
  );
  if (history.length) {
    const rows = history
      .slice(-20)
      .reverse()
      .map((r) =>
        h(
          'tr',
          {},
          h('td', {}, r.date),
          h('td', {}, r.instrument_id.toUpperCase()),
          h('td', {}, String(r.total)),
          h('td', {}, r.band),
        ),
      );
    main.append(
      h('h2', {}, 'Earlier answers'),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Date'),
              h('th', { scope: 'col' }, 'Questionnaire'),
              h('th', { scope: 'col' }, 'Score'),
              h('th', { scope: 'col' }, 'Band'),
            ),
          ),
          h('tbody', {}, rows),
        ),
      ),
    );
  }
}

function renderForm(main: HTMLElement, inst: Instrument): void {
  const groups = inst.items.map((item, i) => {
    const radios = item.options.map((opt) => {
      const id = uid('q');
      const r = h('input', { type: 'radio', name: `item-${i}`, id, value: opt.value, required: true });
      return { r, el: h('div', { class: 'check' }, r, h('label', { for: id }, opt.label)) };
    });
    const error = h('p', { class: 'field-error', 'aria-live': 'polite' });
    const el = h(
      'fieldset',
      { class: 'question', 'data-item': i + 1 },
      h('legend', {}, `${i + 1}. ${item.text}`),
      radios.map((x) => x.el),
      error,
    );
    return { el, error, value: () => radios.find((x) => x.r.checked)?.r.value };
  });
  const summary = liveRegion('form-summary');
  const result = h('section', { class: 'card review', 'data-testid': 'questionnaire-result' });
  result.hidden = true;
  const submit = h('button', { type: 'submit', class: 'primary' }, 'See my score');
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('p', { class: 'lead' }, inst.instructions),
    groups.map((g) => g.el),
    submit,
    summary,
  );
  form.addEventListener(
    'submit',
    asyncListener(async (ev) => {
      ev.preventDefault();
      let missing = 0;
      for (const g of groups) {
        const ok = g.value() !== undefined;
        g.error.textContent = ok ? '' : 'Please choose an answer.';
        if (!ok) missing += 1;
      }
      if (missing) {
        summary.textContent = `Please answer all questions (${missing} left).`;
        return;
      }
      submit.disabled = true;
      try {
        const answers = groups.map((g) => Number(g.value()));
        const answer = await api.post<QuestionnaireResult>(personPath(personId(), `/questionnaires/${inst.id}`), {
          answers,
        });
        result.replaceChildren(
          h('h2', { tabindex: -1 }, `Your ${inst.name} score: ${answer.total} (${answer.band})`),
          h('p', {}, `${answer.total} out of a possible ${answer.max}.`),
          h(
            'p',
            {},
            'This measures how much these problems have bothered you recently. It is not a diagnosis; talk it through with your prescriber or doctor.',
          ),
          ...reviewLines(answer.review).map((l) => h('p', {}, l)),
          h('p', {}, h('a', { href: '#/questionnaires' }, 'Back to questionnaires')),
        );
        result.hidden = false;
        form.hidden = true;
        summary.textContent = '';
        if (answer.crisis_message) void showCrisis(answer.crisis_message);
        else (result.firstElementChild as HTMLElement).focus();
      } catch (e) {
        showProblem(e, {}, summary);
      } finally {
        submit.disabled = false;
      }
    }),
  );
  main.append(result, form, h('p', { class: 'hint licence' }, inst.licence));
}

export async function renderQuestionnaires(main: HTMLElement, params: string[]): Promise<void> {
  const id = params[0];
  const inst = id ? (await instruments()).find((i) => i.id === id && OFFERED.includes(i.id)) : undefined;
  main.append(h('h1', {}, inst ? `${inst.name}: ${inst.full_name}` : 'Questionnaires'));
  if (inst) renderForm(main, inst);
  else await renderList(main);
  main.append(prescriberNote());
}
