// The plan options body for the wizard's state.
import { chosenFormulationsByDrug } from './step_formulations';
import { formulationsText, planOptions } from './regimen';
import { WizardState } from './wizard_state';

export function wizardPlanOptions(state: WizardState): Record<string, unknown> {
  let formulations: string | undefined;
  if (!state.useDefaultFormulations) {
    formulations = [...chosenFormulationsByDrug(state)].map(([drug, list]) => formulationsText(drug, list)).join('; ');
  }
  return planOptions(state.regimenText, formulations || undefined, state.strategy);
}
