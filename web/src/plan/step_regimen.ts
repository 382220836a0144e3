// Wizard step 1: the current regimen (drug, dose in mg and time of each dose), stored with
// POST /people/{pid}/regimen, and the country whose products the plan uses (the profile's to
// start with; sent as the plan's "country").
import { api, personPath } from '../api';
import { button, clear, Field, field, h, liveRegion, numberInput, readNumber, setFieldError, uid } from '../dom';
import { showProblem } from '../forms';
import { personId } from '../session';
import { PLAN_COUNTRIES, planCountry } from './countries';
import { aboveInForce, firstDrug, goBackExplanation, goBackLabel, inForceWords } from './dose_in_force';
import { findDrugs, matchWords, optionLabel } from './drug_search';
import { regimenProblems, regimenText } from './regimen';
import type { DrugCatalog, Person } from '../api/types';
import { WizardState, WizardStep } from './wizard_state';

let fields: Record<string, Field> = {};
let summary: HTMLElement;
let readDoses: () => void = () => {};
let profileCountry: Promise<void> = Promise.resolve();
let readGoBack: () => string | undefined = () => undefined; // the problem with the choice, if any

// The country select, set from the profile once it has loaded unless the person chose already.
function countrySelect(state: WizardState): { field: Field; loaded: Promise<void> } {
  const select = h('select', { name: 'country' }, h('option', { value: '' }, 'Choose your country'));
  for (const [code, name] of PLAN_COUNTRIES)
    select.append(h('option', { value: code, selected: state.country === code }, name));
  const f = field('Country of your pharmacy', select, 'The plan uses only the products sold in that country.');
  f.wrap.classList.add('plan-country');
  let loaded = Promise.resolve();
  if (state.country === undefined) {
    loaded = api
      .get<Person>(personPath(personId(), ''))
      .then((p) => {
        const c = planCountry(p.profile.country);
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
  const answer = await api.get<DrugCatalog>(`/drugs?country=${encodeURIComponent(c)}`);
  state.countryDrugs = { country: c, drugs: answer.drugs };
}

export const regimenStep: WizardStep = {
  title: 'Your current medicine',
  render(container, state) {
    fields = {};
    summary = liveRegion('form-summary');
    const select = h('select', { name: 'drug' });
    for (const d of state.drugs) {
      select.append(h('option', { value: d.id, selected: d.id === state.drugId }, optionLabel(d)));
    }
    const drug = field('Medicine', select);
    fields.regimen = drug;
    // Typing a generic or brand name picks the medicine ("Xanax" -> alprazolam).
    const searchAnswer = h('p', { class: 'hint drug-search-answer', role: 'status', 'aria-live': 'polite' });
    const search = field(
      'Search by generic or brand name',
      h('input', { type: 'search', name: 'drug-search', autocomplete: 'off' }),
      'For example Xanax, Klonopin, Ambien or Valium.',
    );
    search.wrap.append(searchAnswer);
    search.input.addEventListener('input', () => {
      const typed = search.input.value;
      const matches = findDrugs(typed, state.drugs);
      if (!typed.trim()) searchAnswer.textContent = '';
      else if (!matches.length)
        searchAnswer.textContent = `No medicine called "${typed.trim()}" is listed. Choose it from the list below.`;
      else {
        select.value = matches[0].drug.id;
        const others = matches.slice(1, 4).map((m) => m.brand ?? m.drug.id);
        searchAnswer.textContent = `${matchWords(matches[0])} Chosen below.${others.length ? ` Also matching: ${others.join(', ')}.` : ''}`;
      }
    });
    const country = countrySelect(state);
    fields.country = country.field;
    profileCountry = country.loaded;
    const rows = h('div', { class: 'dose-rows' });
    const weeks = field(
      'Weeks on this dose (optional)',
      numberInput(0, 5200, 1, state.weeksOnRegimen),
      'Leave blank if you have taken it daily for a long time.',
    );

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
        const remove = button(
          `Remove dose ${i + 1}`,
          () => {
            readDoses();
            state.doses.splice(i, 1);
            drawRows();
          },
          'link-button',
        );
        remove.disabled = state.doses.length <= 1;
        rows.append(
          h('fieldset', { class: 'dose-row' }, h('legend', {}, `Dose ${i + 1}`), fmg.wrap, ftime.wrap, remove),
        );
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

    // The dose in force today, said plainly; going back up a step only as an explicit choice.
    const inForce = state.inForce;
    const inForceNote = inForce
      ? h('p', { class: 'notice', 'data-testid': 'dose-in-force' }, inForceWords(inForce))
      : null;
    let goBackBox: HTMLElement | null = null;
    readGoBack = () => {
      state.goBack = undefined;
      return undefined;
    };
    const previous = inForce?.previous_step;
    if (inForce && previous) {
      const id = uid('goback');
      const check = h('input', {
        type: 'checkbox',
        id,
        name: 'go_back',
        checked: Boolean(state.goBack),
        'aria-describedby': `${id}-hint`,
      });
      const reason = field(
        'Why go back? (saved with the plan)',
        h('textarea', { name: 'go_back_reason', rows: 3 }),
        'For example: sleep has been very poor every night since the last cut.',
      );
      reason.input.value = state.goBack?.reason ?? '';
      fields.go_back_reason = reason;
      const sync = () => {
        reason.wrap.hidden = !check.checked;
      };
      check.addEventListener('change', () => {
        readDoses();
        const to = firstDrug(check.checked ? previous.regimen : inForce.regimen);
        if (to) {
          state.drugId = to.drug;
          select.value = to.drug;
          state.doses = to.doses;
          drawRows();
        }
        sync();
        if (check.checked) reason.input.focus();
      });
      sync();
      readGoBack = () => {
        if (!check.checked) {
          state.goBack = undefined;
          return undefined;
        }
        const why = reason.input.value.trim();
        state.goBack = { toStep: previous.index, reason: why };
        return why ? undefined : 'Say why you are going back a step: the reason is saved with the plan.';
      };
      goBackBox = h(
        'fieldset',
        { class: 'go-back' },
        h('legend', {}, 'Going back up a step'),
        h(
          'div',
          { class: 'check' },
          check,
          h('label', { for: id }, goBackLabel(inForce)),
          h('p', { class: 'hint', id: `${id}-hint` }, goBackExplanation(inForce)),
        ),
        reason.wrap,
      );
    }
    if (inForce && (inForce.regimen.drugs?.length ?? 0) > 1) {
      // Part-way through a switch: this form holds one medicine, so the plan starts from every
      // dose in force as the server knows them (no regimen is sent), never from one of them alone.
      readDoses = () => {
        if (country.field.input.value) state.country = country.field.input.value;
      };
      container.append(
        h('p', { class: 'notice', 'data-testid': 'dose-in-force' }, inForceWords(inForce)),
        h(
          'p',
          {},
          'You take more than one medicine now. The new plan starts from all of these doses; choose "Switch to diazepam first" in step 3 to go on with the switch.',
        ),
        country.field.wrap,
        summary,
      );
      return;
    }
    container.append(
      h('p', {}, 'What do you take now, each day? Enter each dose with the time you usually take it.'),
      ...(inForceNote ? [inForceNote] : []),
      search.wrap,
      drug.wrap,
      country.field.wrap,
      rows,
      add,
      ...(goBackBox ? [goBackBox] : []),
      weeks.wrap,
      summary,
    );
  },
  async leave(state) {
    await profileCountry;
    readDoses();
    for (const f of Object.values(fields)) setFieldError(f, '');
    if ((state.inForce?.regimen.drugs?.length ?? 0) > 1) {
      state.regimenText = undefined;
      state.goBack = undefined;
      if (!fields.country.input.value) {
        setFieldError(fields.country, 'Choose the country of your pharmacy.');
        summary.textContent = 'Please check the highlighted fields.';
        return false;
      }
      await loadCountryDrugs(state);
      return true;
    }
    const problems = regimenProblems(state.doses);
    if (!fields.country.input.value) problems.country = 'Choose the country of your pharmacy.';
    const goBackProblem = readGoBack();
    if (goBackProblem) problems.go_back_reason = goBackProblem;
    // Never above the dose in force (or the previous step's, going back): said before the preview.
    const above = Object.keys(problems).length
      ? ''
      : aboveInForce(state.inForce, state.goBack, state.drugId, state.doses);
    if (above) problems['doses[0].dose_mg'] = above;
    for (const [key, message] of Object.entries(problems)) if (fields[key]) setFieldError(fields[key], message);
    if (Object.keys(problems).length) {
      summary.textContent = above || (problems.doses ?? 'Please check the highlighted fields.');
      return false;
    }
    state.regimenText = regimenText(state.drugId, state.doses);
    const body: Record<string, unknown> = { regimen: state.regimenText };
    if (state.weeksOnRegimen !== undefined) body.weeks_on_regimen = state.weeksOnRegimen;
    try {
      // With a plan in force its step is what is taken: the regimen record is left as it is.
      if (state.inForce?.source !== 'plan') await api.post(personPath(personId(), '/regimen'), body);
      await loadCountryDrugs(state);
      summary.textContent = '';
      return true;
    } catch (e) {
      showProblem(e, fields, summary);
      return false;
    }
  },
};
