// Wizard step 1: the current regimen (drug, dose in mg and time of each dose), stored with
// POST /people/{pid}/regimen.
import { api, personPath } from '../api';
import { button, clear, Field, field, h, liveRegion, numberInput, readNumber, setFieldError } from '../dom';
import { showProblem } from '../forms';
import { personId } from '../session';
import { drugName, regimenProblems, regimenText } from './regimen';
import { WizardStep } from './wizard_state';

let fields: Record<string, Field> = {};
let summary: HTMLElement;
let readDoses: () => void = () => {};

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
      rows,
      add,
      weeks.wrap,
      summary,
    );
  },
  async leave(state) {
    readDoses();
    for (const f of Object.values(fields)) setFieldError(f, '');
    const problems = regimenProblems(state.doses);
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
      summary.textContent = '';
      return true;
    } catch (e) {
      showProblem(e, fields, summary);
      return false;
    }
  },
};
