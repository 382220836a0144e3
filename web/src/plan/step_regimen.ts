// Wizard step 1: the current regimen (drug, dose in mg and time of each dose), stored with
// POST /people/{pid}/regimen, and the country whose products the plan uses (the profile's to
// start with; sent as the plan's "country").
import { api, personPath } from '../api';
import { button, clear, Field, field, h, liveRegion, numberInput, readNumber, setFieldError } from '../dom';
import { showProblem } from '../forms';
import { personId } from '../session';
import { PLAN_COUNTRIES, planCountry } from './countries';
import { Drug, drugName, regimenProblems, regimenText } from './regimen';
import { WizardState, WizardStep } from './wizard_state';

let fields: Record<string, Field> = {};
let summary: HTMLElement;
let readDoses: () => void = () => {};
let profileCountry: Promise<void> = Promise.resolve();

interface PersonProfile {
  profile?: { country?: string };
}

// The country select, set from the profile once it has loaded unless the person chose already.
function countrySelect(state: WizardState): { field: Field; loaded: Promise<void> } {
  const select = h('select', { name: 'country' }, h('option', { value: '' }, 'Choose your country'));
  for (const [code, name] of PLAN_COUNTRIES) select.append(h('option', { value: code, selected: state.country === code }, name));
  const f = field('Country of your pharmacy', select, 'The plan uses only the products sold in that country.');
  f.wrap.classList.add('plan-country');
  let loaded = Promise.resolve();
  if (state.country === undefined) {
    loaded = api
      .get<PersonProfile>(personPath(personId(), ''))
      .then((p) => {
        const c = planCountry(p.profile?.country);
        if (state.country === undefined) state.country = c;
        if (!select.value) select.value = c;
      })
      .catch(() => {
        if (state.country === undefined) state.country = '';
      });
  }
  return { field: f, loaded };
}

// That country's products (GET /drugs?country=) for the formulations step.
async function loadCountryDrugs(state: WizardState): Promise<void> {
  const c = state.country ?? '';
  if (!c || state.countryDrugs?.country === c) return;
  const answer = await api.get<{ drugs: Drug[] }>(`/drugs?country=${encodeURIComponent(c)}`);
  state.countryDrugs = { country: c, drugs: answer.drugs ?? [] };
}

export const regimenStep: WizardStep = {
  title: 'Your current medicine',
  render(container, state) {
    fields = {};
    summary = liveRegion('form-summary');
    const select = h('select', { name: 'drug' });
    for (const d of state.drugs) {
      select.append(h('option', { value: d.id, selected: d.id === state.drugId }, drugName(d)));
    }
    const drug = field('Medicine', select);
    fields.regimen = drug;
    const country = countrySelect(state);
    fields.country = country.field;
    profileCountry = country.loaded;
    const rows = h('div', { class: 'dose-rows' });
    const weeks = field('Weeks on this dose (optional)', numberInput(0, 5200, 1, state.weeksOnRegimen), 'Leave blank if you have taken it daily for a long time.');

    const doseInputs: { mg: HTMLInputElement; time: HTMLInputElement }[] = [];
    function drawRows(): void {
      clear(rows);
      doseInputs.length = 0;
      state.doses.forEach((d, i) => {
        const mg = numberInput(0, 1000, 0.125, d.dose_mg > 0 ? d.dose_mg : undefined);
        mg.name = `dose-${i}`;
        mg.setAttribute('inputmode', 'decimal');
        const time = h('input', { type: 'time', name: `time-${i}`, value: d.time, required: true });
        const fmg = field(`Dose ${i + 1} (mg)`, mg);
        const ftime = field(`Time of dose ${i + 1}`, time);
        fields[`doses[${i}].dose_mg`] = fmg;
        fields[`doses[${i}].time`] = ftime;
        const remove = button(`Remove dose ${i + 1}`, () => {
          readDoses();
          state.doses.splice(i, 1);
          drawRows();
        }, 'link-button');
        remove.disabled = state.doses.length <= 1;
        rows.append(h('fieldset', { class: 'dose-row' }, h('legend', {}, `Dose ${i + 1}`), fmg.wrap, ftime.wrap, remove));
        doseInputs.push({ mg, time });
      });
    }
    readDoses = () => {
      state.drugId = select.value;
      state.doses = doseInputs.map((d) => ({ dose_mg: readNumber(d.mg) ?? 0, time: d.time.value }));
      state.weeksOnRegimen = readNumber(weeks.input);
      if (country.field.input.value) state.country = country.field.input.value;
    };
    const add = button('Add another dose', () => {
      readDoses();
      state.doses.push({ dose_mg: 0, time: '12:00' });
      drawRows();
    });
    drawRows();
    container.append(
      h('p', {}, 'What do you take now, each day? Enter each dose with the time you usually take it.'),
      drug.wrap,
      country.field.wrap,
      rows,
      add,
      weeks.wrap,
      summary,
    );
  },
  async leave(state) {
    await profileCountry;
    readDoses();
    for (const f of Object.values(fields)) setFieldError(f, '');
    const problems = regimenProblems(state.doses);
    if (!fields.country.input.value) problems.country = 'Choose the country of your pharmacy.';
    for (const [key, message] of Object.entries(problems)) if (fields[key]) setFieldError(fields[key], message);
    if (Object.keys(problems).length) {
      summary.textContent = problems.doses ?? 'Please check the highlighted fields.';
      return false;
    }
    state.regimenText = regimenText(state.drugId, state.doses);
    const body: Record<string, unknown> = { regimen: state.regimenText };
    if (state.weeksOnRegimen !== undefined) body.weeks_on_regimen = state.weeksOnRegimen;
    try {
      await api.post(personPath(personId(), '/regimen'), body);
      await loadCountryDrugs(state);
      summary.textContent = '';
      return true;
    } catch (e) {
      showProblem(e, fields, summary);
      return false;
    }
  },
};
