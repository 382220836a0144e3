// Wizard step 2: the products at hand. The default is the usual products of the country chosen in
// step 1 (the request then leaves "formulations" out); otherwise tick what the pharmacy can
// supply, from that country's products only (GET /drugs?country=).
import { h, liveRegion, uid } from '../dom';
import { countryName, inCountry } from './countries';
import { drugName, Formulation, formulationKey, formulationLabel, uniqueFormulations } from './regimen';
import { WizardState, WizardStep } from './wizard_state';

const CROSSOVER_DRUG = 'diazepam';
let read: () => void = () => {};
let summary: HTMLElement;

export interface ChosenFormulation extends Formulation {
  drug: string;
}

function checkboxes(
  drugId: string,
  list: Formulation[],
  chosen: Set<string>,
  inputs: { input: HTMLInputElement; f: ChosenFormulation }[],
): HTMLElement {
  const box = h('div', { class: 'checks' });
  for (const f of uniqueFormulations(list)) {
    const id = uid('form');
    const key = `${drugId}|${formulationKey(f)}`;
    const input = h('input', { type: 'checkbox', id, checked: chosen.has(key) });
    inputs.push({ input, f: { ...f, drug: drugId } });
    box.append(h('div', { class: 'check' }, input, h('label', { for: id }, formulationLabel(f))));
  }
  if (!box.firstChild) box.append(h('p', {}, 'No products are listed for this medicine.'));
  return box;
}

export const formulationsStep: WizardStep = {
  title: 'Tablets or liquid at hand',
  render(container, state) {
    summary = liveRegion('form-summary');
    // Products ticked for another country are not sold in this one.
    if (state.formulationsCountry !== state.country) {
      state.formulations = [];
      state.formulationsCountry = state.country;
    }
    const drugs =
      state.country && state.countryDrugs?.country === state.country ? state.countryDrugs.drugs : state.drugs;
    const drug = drugs.find((d) => d.id === state.drugId);
    const chosen = new Set(state.formulations.map((f) => `${(f as ChosenFormulation).drug}|${formulationKey(f)}`));
    const inputs: { input: HTMLInputElement; f: ChosenFormulation }[] = [];
    const defId = uid('fdef');
    const ownId = uid('fown');
    const useDefault = h('input', {
      type: 'radio',
      name: 'formulation-mode',
      id: defId,
      value: 'default',
      checked: state.useDefaultFormulations,
    });
    const useOwn = h('input', {
      type: 'radio',
      name: 'formulation-mode',
      id: ownId,
      value: 'own',
      checked: !state.useDefaultFormulations,
    });
    const own = h(
      'fieldset',
      { class: 'own-formulations' },
      h(
        'legend',
        {},
        `${drug ? drugName(drug) : state.drugId}: what you can get${state.country ? ` ${inCountry(state.country)}` : ''}`,
      ),
      checkboxes(state.drugId, drug?.formulations ?? [], chosen, inputs),
    );
    const diazepam = drugs.find((d) => d.id === CROSSOVER_DRUG);
    if (diazepam && state.drugId !== CROSSOVER_DRUG) {
      own.append(
        h(
          'details',
          {},
          h('summary', {}, 'Diazepam products (only if you may switch to diazepam)'),
          checkboxes(CROSSOVER_DRUG, diazepam.formulations ?? [], chosen, inputs),
        ),
      );
    }
    const sync = () => {
      own.hidden = useDefault.checked;
    };
    useDefault.addEventListener('change', sync);
    useOwn.addEventListener('change', sync);
    sync();
    read = () => {
      state.useDefaultFormulations = useDefault.checked;
      state.formulations = inputs.filter((i) => i.input.checked).map((i) => i.f);
    };
    container.append(
      h(
        'p',
        {},
        'Small steps need small tablet strengths or a liquid. taperlab fits each step to what you can actually measure out.',
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Which products?'),
        h(
          'div',
          { class: 'check' },
          useDefault,
          h(
            'label',
            { for: defId },
            `The usual products in my country${state.country ? `, ${countryName(state.country)}` : ''} (recommended to start)`,
          ),
        ),
        h('div', { class: 'check' }, useOwn, h('label', { for: ownId }, 'I will choose the strengths I have')),
      ),
      own,
      summary,
    );
  },
  leave(state) {
    read();
    if (
      !state.useDefaultFormulations &&
      !state.formulations.some((f) => (f as ChosenFormulation).drug === state.drugId)
    ) {
      summary.textContent = 'Please tick at least one product, or choose the usual products.';
      return false;
    }
    return true;
  },
};

// "clonazepam:0.5 tablet half; diazepam:2,5 tablet half" for the chosen products, or undefined.
export function chosenFormulationsByDrug(state: WizardState): Map<string, Formulation[]> {
  const out = new Map<string, Formulation[]>();
  for (const f of state.formulations as ChosenFormulation[]) {
    const list = out.get(f.drug) ?? [];
    list.push(f);
    out.set(f.drug, list);
  }
  return out;
}
