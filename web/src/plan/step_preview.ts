// Wizard step 4: the simulated preview (POST /plans/preview): calendar and modelled curves.
import { api, personPath } from '../api';
import { clear, h, liveRegion } from '../dom';
import { showProblem } from '../forms';
import { personId } from '../session';
import { calendarTable } from './calendar';
import { wizardPlanOptions } from './options';
import { renderPreviewCharts } from './preview_charts';
import { PreviewAnswer, WizardStep } from './wizard_state';

let destroyCharts: () => void = () => {};

export const previewStep: WizardStep = {
  title: 'Preview',
  render(container, state) {
    destroyCharts();
    const status = liveRegion();
    status.textContent = 'Working out the plan...';
    const body = h('div', { class: 'preview' });
    container.append(status, body);
    void (async () => {
      try {
        const answer = await api.post<PreviewAnswer>(personPath(personId(), '/plans/preview'), wizardPlanOptions(state));
        state.preview = answer;
        clear(body);
        const plan = answer.plan ?? {};
        status.textContent = `Plan ready: ${plan.steps?.length ?? 0} steps${plan.total_days ? ` over about ${Math.round(plan.total_days / 7)} weeks` : ''}.`;
        if (plan.draft_notice) body.append(h('p', { class: 'notice' }, plan.draft_notice));
        body.append(calendarTable(plan));
        const charts = h('div', { class: 'charts' });
        body.append(h('h3', {}, 'What the model expects'), charts);
        destroyCharts = renderPreviewCharts(charts, answer);
        if (answer.table) body.append(h('details', {}, h('summary', {}, 'Plan as text'), h('pre', { class: 'plan-text' }, answer.table)));
      } catch (e) {
        state.preview = undefined;
        status.textContent = '';
        const summary = liveRegion('form-summary');
        body.append(summary, h('p', {}, 'Go back to change the plan.'));
        showProblem(e, {}, summary);
      }
    })();
  },
  async leave(state) {
    return Boolean(state.preview);
  },
};
