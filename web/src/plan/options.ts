// The plan options body for the wizard's state.
import { chosenFormulationsByDrug } from './step_formulations';
import { formulationsText, planOptions } from './regimen';
import { WizardState } from './wizard_state';

// The body without "alternative": the options an alternative's number belongs to.
function baseOptions(state: WizardState): Record<string, unknown> {
  let formulations: string | undefined;
  if (!state.useDefaultFormulations) {
    formulations = [...chosenFormulationsByDrug(state).values()].map(formulationsText).join('; ');
  }
  const body = planOptions(state.regimenText, formulations || undefined, state.strategy);
  if (state.country) body.country = state.country;
  if (state.goBack) {
    body.go_back_to_step = state.goBack.toStep;
    body.go_back_reason = state.goBack.reason;
  }
  return body;
}

export function optionsKey(state: WizardState): string {
  return JSON.stringify(baseOptions(state));
}

// The body of POST /plans/preview and /plans: with the alternative picked in the preview, as
// long as the options are still those it was picked from.
export function wizardPlanOptions(state: WizardState): Record<string, unknown> {
  const body = baseOptions(state);
  const alt = state.alternative;
  if (alt && alt.optionsKey === JSON.stringify(body)) body.alternative = alt.number;
  return body;
}
