// The plan page: the saved plan (with print and calendar download), or the five-step wizard:
// regimen -> formulations -> strategy and pace -> simulated preview -> findings and save.
import { api, personPath } from '../api';
import { button, clear, h, liveRegion, prescriberNote } from '../dom';
import { navigate } from '../router';
import { personId } from '../session';
import type { DrugCatalog, PlanVersions, RegimenAnswer } from '../api/types';
import { firstDrug } from '../plan/dose_in_force';
import { planVersions, renderSavedPlan } from '../plan/saved_plan';
import { regimenStep } from '../plan/step_regimen';
import { formulationsStep } from '../plan/step_formulations';
import { strategyStep } from '../plan/step_strategy';
import { previewStep } from '../plan/step_preview';
import { findingsStep } from '../plan/step_findings';
import { WizardState } from '../plan/wizard_state';

const STEPS = [regimenStep, formulationsStep, strategyStep, previewStep, findingsStep];

// The form starts from the dose in force today (the plan's step, else the regimen recorded), never
// from the regimen a plan started from, which would be a step back up.
async function startState(): Promise<WizardState> {
  const [drugs, current, plans] = await Promise.all([
    api.get<DrugCatalog>('/drugs'),
    api.get<RegimenAnswer>(personPath(personId(), '/regimen')).catch((): RegimenAnswer => ({ regimen: null })),
    api
      .get<PlanVersions>(personPath(personId(), '/plans'))
      .catch((): Pick<PlanVersions, 'dose_in_force'> => ({ dose_in_force: null })),
  ]);
  const list = [...drugs.drugs].sort((a, b) => a.id.localeCompare(b.id));
  const inForce = plans.dose_in_force ?? undefined;
  const known = firstDrug(inForce?.regimen) ?? current.regimen?.regimen.drugs[0];
  return {
    inForce,
    drugs: list,
    drugId: known?.drug ?? (list.find((d) => d.id === 'diazepam')?.id || list[0]?.id || ''),
    doses: known?.doses.length
      ? known.doses.map((d) => ({ ...d }))
      : [
          { dose_mg: 0, time: '08:00' },
          { dose_mg: 0, time: '20:00' },
        ],
    useDefaultFormulations: true,
    formulations: [],
    strategy: { strategy: 'fraction', cut_percent: 10, every_days: 14, goal: 'stop' },
  };
}

function renderWizard(main: HTMLElement, state: WizardState): void {
  let index = 0;
  const progress = h('p', { class: 'step-progress', 'aria-live': 'polite' });
  const title = h('h2', { tabindex: -1 });
  const body = h('div', { class: 'wizard-body' });
  const back = button('Back', () => void go(index - 1));
  const next = h('button', { type: 'submit', class: 'primary' }, 'Next');
  const form = h(
    'form',
    { class: 'card wizard', novalidate: true },
    progress,
    title,
    body,
    h('div', { class: 'wizard-nav' }, back, next),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void go(index + 1);
  });
  async function go(to: number): Promise<void> {
    if (to > index) {
      const step = STEPS[index];
      next.disabled = true;
      const ok = step.leave ? await step.leave(state) : true;
      next.disabled = false;
      if (!ok || to >= STEPS.length) return;
    }
    if (to < 0) return;
    index = to;
    clear(body);
    progress.textContent = `Step ${index + 1} of ${STEPS.length}`;
    title.textContent = STEPS[index].title;
    back.hidden = index === 0;
    next.hidden = index === STEPS.length - 1;
    STEPS[index].render(body, state);
    // A step that marks a field the server refused puts the focus on it; else the step's title.
    if (!body.contains(document.activeElement)) title.focus();
  }
  main.append(form);
  void go(0);
}

export async function renderPlanWizard(main: HTMLElement, params: string[]): Promise<void> {
  main.append(h('h1', {}, 'Your plan'), prescriberNote());
  const status = liveRegion();
  main.append(status);
  const versions = await planVersions().catch(() => []);
  if (params[0] !== 'new' && versions.length > 0) {
    const latest = versions.reduce((a, b) => (b.version > a.version ? b : a));
    const box = h('section', { class: 'saved-plan' });
    main.append(box);
    await renderSavedPlan(box, latest);
    main.append(
      h(
        'p',
        { class: 'no-print' },
        button('Make a new plan', () => navigate('/plan/new')),
      ),
    );
    return;
  }
  status.textContent = 'Loading medicines...';
  try {
    const state = await startState();
    status.textContent = '';
    renderWizard(main, state);
  } catch {
    status.textContent = 'Could not load the list of medicines. Please try again.';
  }
}
