// What the printed calendar says to dispense (src/plan/calendar.ts, dispensing): per 28-day
// prescription and for the whole plan.
import { describe, expect, it } from 'vitest';
import { dispensing, PlanDoc } from '../src/plan/calendar';

const FIVE = 'diazepam 5 mg tablet';
const TWO = 'diazepam 2 mg tablet';

// Diazepam from 2026-12-07: 5 mg twice a day for 21 days, then 5 mg + 2 mg for 21 days, then
// stopped on day 42. The document's own total is what plan_json writes.
const plan: PlanDoc = {
  start_date: '2026-12-07',
  total_days: 42,
  steps: [
    { index: 1, day: 0, duration_days: 21, doses: [
      { drug: 'diazepam', time: '08:00', dose_mg: 5, parts: [{ product: FIVE, quarters: 4 }] },
      { drug: 'diazepam', time: '20:00', dose_mg: 5, parts: [{ product: FIVE, quarters: 4 }] },
    ] },
    { index: 2, day: 21, duration_days: 21, doses: [
      { drug: 'diazepam', time: '08:00', dose_mg: 5, parts: [{ product: FIVE, quarters: 4 }] },
      { drug: 'diazepam', time: '20:00', dose_mg: 1, parts: [{ product: TWO, quarters: 2 }] },
    ] },
    { index: 3, day: 42, duration_days: 0, doses: [] },
  ],
  pharmacy: { total: [{ product: FIVE, tablets: 63 }, { product: TWO, tablets: 11 }] },
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
    const held: PlanDoc = {
      ...plan,
      steps: [plan.steps![0], { index: 2, day: 21, duration_days: 0, doses: [{ drug: 'diazepam', time: '08:00', dose_mg: 5, parts: [{ product: FIVE, quarters: 4 }] }] }],
      total_days: 21,
    };
    const d = dispensing(held);
    const last = d.periods[d.periods.length - 1];
    expect(last.ongoing).toBe(true);
    expect(last.fromDate).toBe('2026-12-28');
    expect(last.quantities).toEqual({ [FIVE]: 28 });
  });

  it('names each product with its drug, as the plan names products by strength and form only', () => {
    const named: PlanDoc = {
      start_date: '2026-12-07',
      total_days: 7,
      steps: [{ index: 1, day: 0, duration_days: 7, doses: [
        { drug: 'lorazepam', time: '08:00', dose_mg: 1, parts: [{ product: '1 mg tablet', quarters: 4 }] },
        { drug: 'diazepam', time: '20:00', dose_mg: 1, parts: [{ product: '2 mg tablet (halves)', quarters: 2 }] },
      ] }, { index: 2, day: 7, duration_days: 0, doses: [] }],
      pharmacy: { total: [{ drug: 'lorazepam', product: '1 mg tablet', tablets: 7 }, { drug: 'diazepam', product: '2 mg tablet (halves)', tablets: 4 }] },
    };
    const d = dispensing(named);
    expect(d.products.map((p) => p.product)).toEqual(['lorazepam 1 mg tablet', 'diazepam 2 mg tablet (halves)']);
    expect(d.periods[0].quantities).toEqual({ 'lorazepam 1 mg tablet': 7, 'diazepam 2 mg tablet (halves)': 4 });
    expect(d.total).toEqual({ 'lorazepam 1 mg tablet': 7, 'diazepam 2 mg tablet (halves)': 4 });
  });

  it('counts a liquid in ml', () => {
    const liquid: PlanDoc = {
      start_date: '2026-12-07',
      total_days: 10,
      steps: [{ index: 1, day: 0, duration_days: 10, doses: [{ drug: 'diazepam', time: '08:00', dose_mg: 1, parts: [{ product: 'diazepam 2 mg/5 ml oral solution', volume_ml: 2.5 }] }] }, { index: 2, day: 10, duration_days: 0, doses: [] }],
    };
    const d = dispensing(liquid);
    expect(d.products).toEqual([{ product: 'diazepam 2 mg/5 ml oral solution', liquid: true }]);
    expect(d.periods[0].quantities).toEqual({ 'diazepam 2 mg/5 ml oral solution': 25 });
  });
});
