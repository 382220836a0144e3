// Wizard step 4: the simulated preview (POST /plans/preview): calendar and modelled curves. When
// the products alone could not make a safe plan, the answer offers alternatives: they show as
// cards, and "Use this plan" asks for the preview again with "alternative": N.
import { api, ApiError, personPath } from '../api';
import { clear, h, liveRegion } from '../dom';
import { showProblem } from '../forms';
import { personId } from '../session';
import { renderAlternatives } from './alternatives';
import { renderBand } from './band_charts';
import type { PlanAlternative, PlanPreview } from '../api/types';
import { calendarTable } from './calendar';
import { optionsKey, wizardPlanOptions } from './options';
import { renderPreviewCharts } from './preview_charts';
import { keepProblemForStrategyStep } from './step_strategy';
import { WizardStep } from './wizard_state';

let destroyCharts: () => void = () => {};

export const COUNTRY_MISSING =
  'Choose your country on the settings page (or in the first step) so the plan uses the products sold there.';

function countryMissing(e: unknown): boolean {
  return e instanceof ApiError && e.status === 422 && e.fieldErrors.some((f) => f.field === 'country');
}

function showError(body: HTMLElement, e: unknown): void {
  const summary = liveRegion('form-summary');
  if (countryMissing(e)) {
    summary.textContent = COUNTRY_MISSING;
    body.append(
      summary,
      h('p', {}, h('a', { href: '#/settings' }, 'Open the settings page'), ', or go back to the first step.'),
    );
    return;
  }
  // An option of the strategy step the server refused is marked there when the person goes back.
  const marked = keepProblemForStrategyStep(e);
  body.append(
    summary,
    h('p', {}, marked ? 'Go back to change the plan: the option is marked there.' : 'Go back to change the plan.'),
  );
  showProblem(e, {}, summary);
}

function renderAnswer(
  body: HTMLElement,
  status: HTMLElement,
  answer: PlanPreview,
  options: unknown,
  pick: (alt: PlanAlternative) => void,
): { focusChosen(): void; setBusy(b: boolean): void } | null {
  destroyCharts();
  clear(body);
  const plan = answer.plan;
  status.textContent = `Plan ready: ${plan.steps.length} steps${plan.total_days ? ` over about ${Math.round(plan.total_days / 7)} weeks` : ''}.`;
  body.append(h('p', { class: 'notice' }, plan.draft_notice));
  const back = answer.go_back;
  if (back) {
    body.append(
      h(
        'p',
        { class: 'notice', 'data-testid': 'go-back-notice' },
        `Going back: from ${back.from} you take step ${back.to_step}'s dose again (${back.regimen}) until ${back.first_cut}, when the plan below begins.`,
      ),
    );
  }
  let view: ReturnType<typeof renderAlternatives> | null = null;
  const alts = plan.alternatives;
  if (alts.length) {
    view = renderAlternatives(alts, plan.alternatives_reason, plan.country, pick);
    body.append(view.element);
  }
  body.append(calendarTable(plan));
  const charts = h('div', { class: 'charts' });
  body.append(h('h3', {}, 'What the model expects'), charts);
  const destroyPreview = renderPreviewCharts(charts, answer);
  // The band of people like this person comes after the preview, from the same options.
  const destroyBand = renderBand(body, options);
  destroyCharts = () => {
    destroyPreview();
    destroyBand();
  };
  body.append(h('details', {}, h('summary', {}, 'Plan as text'), h('pre', { class: 'plan-text' }, answer.table)));
  return view;
}

export const previewStep: WizardStep = {
  title: 'Preview',
  render(container, state) {
    destroyCharts();
    const status = liveRegion();
    status.textContent = 'Working out the plan...';
    const body = h('div', { class: 'preview' });
    container.append(status, body);

    const pick = (alt: PlanAlternative): void => {
      const before = state.alternative;
      state.alternative = { number: alt.number, optionsKey: optionsKey(state) };
      view?.setBusy(true);
      status.textContent = `Working out option ${alt.number}...`;
      void (async () => {
        try {
          const options = wizardPlanOptions(state);
          const answer = await api.post<PlanPreview>(personPath(personId(), '/plans/preview'), options);
          state.preview = answer;
          view = renderAnswer(body, status, answer, options, pick);
          const chosen = answer.plan.alternatives.find((a) => a.chosen);
          if (chosen) status.textContent = `Now using option ${chosen.number}. ${status.textContent}`;
          view?.focusChosen();
        } catch (e) {
          // The plan shown before stays, and stays the one saved.
          state.alternative = before;
          view?.setBusy(false);
          status.textContent =
            e instanceof ApiError
              ? `Could not use option ${alt.number}: ${e.message}`
              : `Could not use option ${alt.number}. Please try again.`;
        }
      })();
    };

    let view: ReturnType<typeof renderAnswer> = null;
    void (async () => {
      try {
        const options = wizardPlanOptions(state);
        const answer = await api.post<PlanPreview>(personPath(personId(), '/plans/preview'), options);
        state.preview = answer;
        view = renderAnswer(body, status, answer, options, pick);
      } catch (e) {
        state.preview = undefined;
        status.textContent = '';
        clear(body);
        showError(body, e);
      }
    })();
  },
  leave(state) {
    return Boolean(state.preview);
  },
};
