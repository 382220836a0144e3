// What the printed calendar says to dispense (src/plan/calendar.ts, dispensing): per 28-day
// prescription and for the whole plan.
import { describe, expect, it } from 'vitest';
import type { DosePart, PharmacyLine, PlanDose, PlanStep } from '../src/api/types';
import { dispensing, Dispensed } from '../src/plan/calendar';

// Plan documents as report/plan_json.cpp writes them, with only what dispensing reads filled in.
const part = (product: string, amount: { quarters: number } | { volume_ml: number }): DosePart => ({
  product,
  form: 'quarters' in amount ? 'tablet' : 'oral_solution',
  compounded: false,
  quarters: 'quarters' in amount ? amount.quarters : 0,
  volume_ml: 'volume_ml' in amount ? amount.volume_ml : 0,
  strength_mg: 0,
  strength_mg_per_ml: 0,
});
const dose = (drug: string, time: string, dose_mg: number, parts: DosePart[]): PlanDose => ({
  drug,
  time,
  dose_mg,
  units: '',
  parts,
});
const step = (index: number, day: number, duration_days: number, doses: PlanDose[]): PlanStep => ({
  index,
  day,
  duration_days,
  doses,
  kind: 'cut',
  note: '',
  cut_fraction: 0,
  daily_mg: {},
  diazepam_equivalent_mg: 0,
  target_diazepam_equivalent_mg: 0,
  peak_withdrawal: 0,
  start_date: null,
  end_date: null,
});
const line = (drug: string, product: string, tablets: number): PharmacyLine => ({
  drug,
  product,
  tablets,
  form: 'tablet',
  compounded: false,
  strength_mg: 0,
  strength_mg_per_ml: 0,
  volume_ml: 0,
});

const FIVE = 'diazepam 5 mg tablet';
const TWO = 'diazepam 2 mg tablet';

// Diazepam from 2026-12-07: 5 mg twice a day for 21 days, then 5 mg + 2 mg for 21 days, then
// stopped on day 42. The document's own total is what plan_json writes.
const plan: Dispensed = {
  start_date: '2026-12-07',
  total_days: 42,
  steps: [
    step(1, 0, 21, [
      dose('diazepam', '08:00', 5, [part(FIVE, { quarters: 4 })]),
      dose('diazepam', '20:00', 5, [part(FIVE, { quarters: 4 })]),
    ]),
    step(2, 21, 21, [
      dose('diazepam', '08:00', 5, [part(FIVE, { quarters: 4 })]),
      dose('diazepam', '20:00', 1, [part(TWO, { quarters: 2 })]),
    ]),
    step(3, 42, 0, []),
  ],
  pharmacy: { total: [line('diazepam', FIVE, 63), line('diazepam', TWO, 11)], per_step: [] },
};

describe('quantities to dispense', () => {
  it('splits the plan into 28-day prescriptions, each rounded up to whole tablets', () => {
    const d = dispensing(plan);
    expect(d.products.map((p) => p.product)).toEqual([FIVE, TWO]);
    expect(d.periods.map((p) => [p.fromDate, p.toDate])).toEqual([
      ['2026-12-07', '2027-01-03'],
      ['2027-01-04', '2027-01-17'],
    ]);
    // Days 0-27: 21 days of two 5 mg tablets, 7 days of one 5 mg and half a 2 mg (3.5 -> 4).
    expect(d.periods[0].quantities).toEqual({ [FIVE]: 49, [TWO]: 4 });
    // Days 28-41: 14 days of one 5 mg and half a 2 mg.
    expect(d.periods[1].quantities).toEqual({ [FIVE]: 14, [TWO]: 7 });
    expect(d.total).toEqual({ [FIVE]: 63, [TWO]: 11 });
  });

  it('follows the period length asked for', () => {
    const weekly = dispensing(plan, 7);
    expect(weekly.periods).toHaveLength(6);
    expect(weekly.periods[3].quantities).toEqual({ [FIVE]: 7, [TWO]: 4 }); // 3.5 rounded up
  });

  it('adds a period row for a dose held with no end', () => {
    const held: Dispensed = {
      ...plan,
      steps: [plan.steps[0], step(2, 21, 0, [dose('diazepam', '08:00', 5, [part(FIVE, { quarters: 4 })])])],
      total_days: 21,
    };
    const d = dispensing(held);
    const last = d.periods[d.periods.length - 1];
    expect(last.ongoing).toBe(true);
    expect(last.fromDate).toBe('2026-12-28');
    expect(last.quantities).toEqual({ [FIVE]: 28 });
  });

  it('names each product with its drug, as the plan names products by strength and form only', () => {
    const named: Dispensed = {
      start_date: '2026-12-07',
      total_days: 7,
      steps: [
        step(1, 0, 7, [
          dose('lorazepam', '08:00', 1, [part('1 mg tablet', { quarters: 4 })]),
          dose('diazepam', '20:00', 1, [part('2 mg tablet (halves)', { quarters: 2 })]),
        ]),
        step(2, 7, 0, []),
      ],
      pharmacy: {
        total: [line('lorazepam', '1 mg tablet', 7), line('diazepam', '2 mg tablet (halves)', 4)],
        per_step: [],
      },
    };
    const d = dispensing(named);
    expect(d.products.map((p) => p.product)).toEqual(['lorazepam 1 mg tablet', 'diazepam 2 mg tablet (halves)']);
    expect(d.periods[0].quantities).toEqual({ 'lorazepam 1 mg tablet': 7, 'diazepam 2 mg tablet (halves)': 4 });
    expect(d.total).toEqual({ 'lorazepam 1 mg tablet': 7, 'diazepam 2 mg tablet (halves)': 4 });
  });

  it('counts a liquid in ml', () => {
    const liquid: Dispensed = {
      start_date: '2026-12-07',
      total_days: 10,
      steps: [
        step(1, 0, 10, [dose('diazepam', '08:00', 1, [part('diazepam 2 mg/5 ml oral solution', { volume_ml: 2.5 })])]),
        step(2, 10, 0, []),
      ],
      pharmacy: { total: [], per_step: [] },
    };
    const d = dispensing(liquid);
    expect(d.products).toEqual([{ product: 'diazepam 2 mg/5 ml oral solution', liquid: true }]);
    expect(d.periods[0].quantities).toEqual({ 'diazepam 2 mg/5 ml oral solution': 25 });
  });
});
