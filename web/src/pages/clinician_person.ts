// A linked person as their clinician sees them (#/clinician/people/{id}): the person's own charts
// (progress_charts.ts over their read routes), the holds and slow-downs to approve or edit, the
// decision history with its reasons, the questionnaire history and the reports to download.
// Nothing here writes to the person's journal but a review.
import '../styles/clinician.css';
import { api, ApiError, personPath } from '../api';
import { asyncListener, button, clear, field, h, liveRegion, type Field } from '../dom';
import { markProblemFields, showProblem } from '../forms';
import { problemText } from '../problem_text';
import type { Person, PlanVersions, Progress, Schemas } from '../api/types';
import { decisionKindText, reviewable, reviewField, reviewRequest, reviewText } from '../clinician/format';
import type { ReviewAnswer, ReviewedDecision } from '../clinician/types';
import { Cleanup } from '../router';
import { renderProgressCharts } from './progress_charts';
import { renderPharmacyOf } from './pharmacy';
import { downloadLinks } from './share';

function reviewCard(pid: number, d: ReviewedDecision, done: (words: string) => void): HTMLElement {
  const summary = liveRegion('form-summary');
  const approve = button('Approve as proposed', () => {}, 'primary');
  const edit = button('Edit', () => {});
  edit.setAttribute('aria-expanded', 'false');

  const reason = field(
    'Your reason (the person reads it)',
    h('textarea', { name: 'reason', rows: 2, maxlength: 1000 }),
  );
  const holdDays = field(
    'Hold the current dose for (days)',
    h('input', { type: 'number', name: 'hold_days', min: 1, max: 84, step: 1, inputmode: 'numeric' }),
    'From the day of the decision. Leave empty to keep the proposed hold.',
  );
  const cut = field(
    'Then cut by',
    h('input', { type: 'text', name: 'cut', placeholder: 'e.g. 5%' }),
    'Of the dose before each cut. The safety rules are checked again.',
  );
  const every = field('Every', h('input', { type: 'text', name: 'every', placeholder: 'e.g. 28d' }));
  const overrideReason = field(
    'Reason to go above the rate cap (only if you must)',
    h('textarea', { name: 'override_reason', rows: 2, maxlength: 1000 }),
    'Recorded in the plan and in the person’s access log.',
  );
  const maxCut = field(
    'Largest cut allowed with this override',
    h('input', { type: 'text', name: 'max_cut', placeholder: 'e.g. 30%' }),
    'Within 14 days; at most 50%, the planner’s hard ceiling.',
  );
  const fields: Record<string, Field> = {
    reason,
    hold_days: holdDays,
    cut,
    every,
    override_reason: overrideReason,
    max_cut: maxCut,
  };
  const save = h('button', { type: 'submit', class: 'primary' }, 'Save the change');
  const form = h(
    'form',
    { class: 'review-edit', novalidate: true },
    reason.wrap,
    holdDays.wrap,
    cut.wrap,
    every.wrap,
    overrideReason.wrap,
    maxCut.wrap,
    save,
  );
  form.hidden = true;

  async function send(action: 'approve' | 'edit'): Promise<void> {
    const built = reviewRequest({
      action,
      reason: action === 'edit' ? reason.input.value : '',
      holdDays: holdDays.input.value,
      cut: cut.input.value,
      every: every.input.value,
      overrideReason: overrideReason.input.value,
      maxCut: maxCut.input.value,
    });
    if ('problems' in built) {
      const problems = Object.entries(built.problems).map(([f, message]) => ({ field: f, message }));
      markProblemFields(new ApiError({ status: 422, title: 'Invalid input', errors: problems }), fields);
      summary.textContent = 'Please check the highlighted fields.';
      return;
    }
    approve.disabled = true;
    save.disabled = true;
    try {
      const answer = await api.post<ReviewAnswer>(personPath(pid, `/decisions/${d.id}/review`), built.body);
      done(answer.words);
    } catch (e) {
      // A 422 names the field that breaks a rule ("plan": the edited plan, shown at the cut).
      if (e instanceof ApiError && e.fieldErrors.length) {
        const mapped = new ApiError({
          ...e.problem,
          errors: e.fieldErrors.map((p) => ({ ...p, field: reviewField(p.field) })),
        });
        showProblem(mapped, action === 'edit' ? fields : {}, summary);
      } else showProblem(e, {}, summary);
    } finally {
      approve.disabled = false;
      save.disabled = false;
    }
  }
  approve.addEventListener(
    'click',
    asyncListener(() => send('approve')),
  );
  form.addEventListener(
    'submit',
    asyncListener(async (ev) => {
      ev.preventDefault();
      await send('edit');
    }),
  );
  edit.addEventListener('click', () => {
    form.hidden = !form.hidden;
    edit.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) reason.input.focus();
  });
  return h(
    'article',
    {
      class: 'card review-card',
      'data-testid': 'review-card',
      'aria-label': `${decisionKindText(d.kind)} on ${d.date}`,
    },
    h('h3', {}, `${decisionKindText(d.kind)} proposed on ${d.date}`),
    h('p', {}, d.reason),
    h('div', { class: 'actions' }, approve, edit),
    form,
    summary,
  );
}

function decisionHistory(decisions: ReviewedDecision[]): HTMLElement {
  if (decisions.length === 0) return h('p', {}, 'No decisions yet.');
  return h(
    'ul',
    { class: 'plain-list', 'data-testid': 'decision-history' },
    decisions
      .slice()
      .reverse()
      .map((d) =>
        h(
          'li',
          {},
          h('strong', {}, `${d.date}: ${decisionKindText(d.kind)}. `),
          d.reason,
          d.review ? h('span', { class: 'review-line' }, ` ${reviewText(d.review)}`) : null,
        ),
      ),
  );
}

function questionnaireTable(responses: Schemas['QuestionnaireResponse'][]): HTMLElement {
  if (responses.length === 0) return h('p', {}, 'No questionnaires taken yet.');
  const names: Record<string, string> = { phq9: 'PHQ-9', gad7: 'GAD-7' };
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { 'data-testid': 'questionnaire-history' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Date', 'Questionnaire', 'Score', 'Band'].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        responses
          .slice()
          .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
          .map((r) =>
            h(
              'tr',
              {},
              h('td', {}, r.date),
              h('td', {}, names[r.instrument_id] ?? r.instrument_id),
              h('td', {}, String(r.total)),
              h('td', {}, r.band),
            ),
          ),
      ),
    ),
  );
}

// #/clinician/people/{id}/pharmacy[/days]: the person's pharmacy view, printable, as the person
// has it on #/pharmacy.
async function renderPersonPharmacy(main: HTMLElement, pid: number, params: string[]): Promise<void> {
  main.append(h('p', { class: 'no-print' }, h('a', { href: `#/clinician/people/${pid}` }, 'Back to the person')));
  await renderPharmacyOf(main, pid, params, `/clinician/people/${pid}/pharmacy`);
}

export async function renderClinicianPerson(main: HTMLElement, params: string[]): Promise<Cleanup | void> {
  const pid = Number(params[0]);
  if (params[1] === 'pharmacy' && Number.isInteger(pid) && pid > 0) {
    return renderPersonPharmacy(main, pid, params.slice(2));
  }
  main.classList.add('wide-page');
  main.append(h('p', {}, h('a', { href: '#/clinician' }, 'Back to the dashboard')));
  const heading = h('h1', {}, 'Person');
  const status = liveRegion();
  main.append(heading, status);
  if (!Number.isInteger(pid) || pid <= 0) {
    status.textContent = 'No such person.';
    return;
  }
  let person: Person;
  try {
    person = await api.get<Person>(personPath(pid, ''));
  } catch (e) {
    status.textContent = e instanceof ApiError ? problemText(e.problem) : 'Could not load this person.';
    return;
  }
  heading.textContent = person.name || `Person ${pid}`;
  main.append(
    h(
      'p',
      { class: 'prescriber-note' },
      'Plans are drafts for the person and their prescriber to agree on. You can read this journal and review the plan; the person logs their own doses and check-ins.',
    ),
    h('h2', {}, 'Reports'),
    downloadLinks(pid),
    h(
      'p',
      {},
      h(
        'a',
        { href: `#/clinician/people/${pid}/pharmacy`, 'data-testid': 'clinician-pharmacy-link' },
        'Pharmacy supply (what to dispense per 7, 14 or 28 days, printable)',
      ),
    ),
  );

  const reviewSection = h('section', { 'aria-labelledby': 'to-review-title' });
  const history = h('section', { 'aria-labelledby': 'history-title' });
  async function loadDecisions(): Promise<void> {
    clear(reviewSection);
    clear(history);
    reviewSection.append(h('h2', { id: 'to-review-title' }, 'To review'));
    history.append(h('h2', { id: 'history-title' }, 'Decision history'));
    try {
      const { decisions } = await api.get<Schemas['DecisionList']>(personPath(pid, '/decisions'));
      const all: ReviewedDecision[] = decisions;
      const open = all.filter(reviewable);
      if (open.length === 0) reviewSection.append(h('p', {}, 'No hold or slow-down is waiting for your review.'));
      for (const d of open) {
        reviewSection.append(
          reviewCard(pid, d, (words) => {
            void loadDecisions().then(() => {
              status.textContent = words ? `Saved. ${words}` : 'Saved.';
            });
          }),
        );
      }
      history.append(decisionHistory(all));
    } catch (e) {
      history.append(h('p', {}, e instanceof ApiError ? problemText(e.problem) : 'Could not load the decisions.'));
    }
  }
  const questionnaires = h(
    'section',
    { 'aria-labelledby': 'questionnaires-title' },
    h('h2', { id: 'questionnaires-title' }, 'Questionnaires'),
  );
  const charts = h(
    'section',
    { class: 'charts', 'aria-labelledby': 'charts-title' },
    h('h2', { id: 'charts-title' }, 'Charts'),
  );
  main.append(reviewSection, history, questionnaires, charts);
  await loadDecisions();
  try {
    const { responses } = await api.get<Schemas['QuestionnaireList']>(personPath(pid, '/questionnaires'));
    questionnaires.append(questionnaireTable(responses));
  } catch {
    questionnaires.append(h('p', {}, 'Could not load the questionnaires.'));
  }
  try {
    const [doc, versions] = await Promise.all([
      api.get<Progress>(personPath(pid, '/progress')),
      api.get<PlanVersions>(personPath(pid, '/plans')).then((v) => v.versions),
    ]);
    return await renderProgressCharts(charts, pid, doc, versions);
  } catch {
    charts.append(h('p', {}, 'Could not load the charts.'));
  }
}
