// Wizard step 5: the safety findings of the preview, each acknowledged, then saving the plan
// (POST /plans).
import { api, personPath } from '../api';
import { asyncListener, h, liveRegion, uid } from '../dom';
import { showProblem } from '../forms';
import { navigate } from '../router';
import { personId } from '../session';
import { findingLabel } from './calendar';
import { wizardPlanOptions } from './options';
import { WizardStep } from './wizard_state';
import type { PlanVersionSaved } from '../api/types';

export const findingsStep: WizardStep = {
  title: 'Points to discuss, then save',
  render(container, state) {
    // The preview's findings (this step follows the preview, which leaves only with an answer).
    const findings = state.preview?.findings ?? [];
    const checks: HTMLInputElement[] = [];
    const list = h('ul', { class: 'findings', 'data-testid': 'findings' });
    for (const f of findings) {
      const id = uid('ack');
      const check = h('input', { type: 'checkbox', id, name: 'acknowledge' });
      checks.push(check);
      list.append(
        h(
          'li',
          { class: `finding finding-${f.severity}` },
          h('p', {}, h('strong', {}, `${findingLabel(f.severity)}: `), f.message),
          f.action ? h('p', { class: 'hint' }, f.action) : null,
          h(
            'div',
            { class: 'check' },
            check,
            h('label', { for: id }, 'I have read this and will discuss it with my prescriber'),
          ),
        ),
      );
    }
    const save = h('button', { type: 'button', class: 'primary' }, 'Save this plan');
    const summary = liveRegion('form-summary');
    const sync = () => {
      save.disabled = !checks.every((c) => c.checked);
    };
    checks.forEach((c) => c.addEventListener('change', sync));
    sync();
    save.addEventListener(
      'click',
      asyncListener(async () => {
        if (!checks.every((c) => c.checked)) return;
        save.disabled = true;
        summary.textContent = 'Saving...';
        try {
          const saved = await api.post<PlanVersionSaved>(personPath(personId(), '/plans'), wizardPlanOptions(state));
          summary.textContent = `Saved as plan version ${saved.version}, from ${saved.effective_from}.`;
          navigate('/plan');
        } catch (e) {
          showProblem(e, {}, summary);
          sync();
        }
      }),
    );
    container.append(
      findings.length
        ? h('p', {}, 'Please read each point. Each needs a tick before the plan can be saved.')
        : h(
            'p',
            {},
            'taperlab found nothing in this plan that needs special attention. Please still go through it with your prescriber.',
          ),
      list,
      state.goBack
        ? h(
            'p',
            { 'data-testid': 'go-back-reason' },
            h('strong', {}, `Going back to step ${state.goBack.toStep}. Your reason, saved with the plan: `),
            state.goBack.reason,
          )
        : '',
      h(
        'p',
        { class: 'prescriber-note' },
        'Saving stores this plan as a draft to take to your prescriber. Start it only once they agree.',
      ),
      save,
      summary,
    );
  },
};
