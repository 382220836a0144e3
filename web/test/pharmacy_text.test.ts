// The pharmacy view's words and the page's sections (src/pharmacy/pharmacy_text.ts, drawn by
// src/pages/pharmacy.ts) for answers shaped as the server's.
import { describe, expect, it } from 'vitest';
import {
  amountText,
  endingText,
  fromText,
  nothingLeftText,
  periodFromParams,
  pharmacySections,
  periodTitle,
  stepsText,
  type PharmacyLine,
  type PharmacySupply,
} from '../src/pharmacy/pharmacy_text';

const tablets = (product: string, units: number): PharmacyLine => ({
  drug: 'diazepam',
  name: 'diazepam',
  product,
  form: 'tablet',
  unit: 'tablet',
  units,
  volume_ml: 0,
  bottles: null,
  pack_ml: null,
});
const liquid = (volume_ml: number, bottles: number | null): PharmacyLine => ({
  drug: 'diazepam',
  name: 'diazepam',
  product: 'diazepam 0.4 mg/mL oral solution',
  form: 'oral_solution',
  unit: 'mL',
  units: 0,
  volume_ml,
  bottles,
  pack_ml: bottles === null ? null : 100,
});

function supply(over: Partial<PharmacySupply> = {}): PharmacySupply {
  return {
    version: 2,
    heading: 'Plan version 2, in force from 2026-10-05 (the plan started on 2026-10-05)',
    from_later_day: true,
    period_days: 14,
    plan_start: '2026-10-05',
    from: '2026-11-23',
    country: 'UK',
    stop_date: '2027-01-18',
    continues: false,
    held_from: null,
    draft_notice: 'This plan is a draft to agree with the prescriber: dispense only what the prescription says.',
    counting: 'Part tablets are counted as whole tablets.',
    periods: [
      {
        number: 1,
        first: '2026-11-23',
        last: '2026-12-06',
        days: 14,
        steps: [4, 5],
        lines: [tablets('diazepam 2 mg tablet (halves)', 7), liquid(35, 1)],
      },
      { number: 2, first: '2026-12-07', last: '2026-12-07', days: 1, steps: [5], lines: [liquid(3, 0)] },
    ],
    total: [tablets('diazepam 2 mg tablet (halves)', 7), liquid(38, 1)],
    pack_sources: ['diazepam 2 mg/5 mL oral solution, 100 mL bottle (dm+d / BNF pack)'],
    ...over,
  };
}

describe('pharmacy words', () => {
  it('names amounts in tablets, capsules, mL and bottles', () => {
    expect(amountText(tablets('x', 1))).toBe('1 tablet');
    expect(amountText(tablets('x', 42))).toBe('42 tablets');
    expect(amountText({ ...tablets('x', 3), unit: 'capsule', form: 'capsule' })).toBe('3 capsules');
    expect(amountText(liquid(140, 2))).toBe('140 mL (2 bottles of 100 mL)');
    expect(amountText(liquid(35, 1))).toBe('35 mL (1 bottle of 100 mL)');
    expect(amountText(liquid(9, 0))).toBe('9 mL (from the bottle already open)');
    expect(amountText(liquid(65, null))).toBe('65 mL');
  });

  it('names steps and periods', () => {
    expect(stepsText([])).toBe('no doses');
    expect(stepsText([3])).toBe('step 3');
    expect(stepsText([3, 4, 5])).toBe('steps 3-5');
    expect(stepsText([2, 5])).toBe('steps 2, 5');
    const s = supply();
    expect(periodTitle(s.periods[0])).toBe('Period 1: 2026-11-23 to 2026-12-06 (14 days), steps 4-5');
    expect(periodTitle(s.periods[1])).toBe('Period 2: 2026-12-07 (1 day), step 5');
  });

  it('says how the plan ends and when the periods start later', () => {
    expect(endingText(supply())).toBe('The plan stops on 2027-01-18: no doses from then, nothing more to dispense.');
    expect(endingText(supply({ stop_date: null, continues: true, held_from: '2027-01-04' }))).toBe(
      'The dose is held from 2027-01-04 and continues after the last period: each further 14 days needs what period 2 needs.',
    );
    expect(fromText(supply())).toContain("Periods start on 2026-11-23, not at the plan's start (2026-10-05)");
    expect(fromText(supply({ from_later_day: false, from: '2026-10-05' }))).toBe('');
  });

  it('reads the period from the address, else 28 days', () => {
    expect(periodFromParams([])).toBe(28);
    expect(periodFromParams(['7'])).toBe(7);
    expect(periodFromParams(['30'])).toBe(30);
    expect(periodFromParams(['0'])).toBe(28);
    expect(periodFromParams(['91'])).toBe(28);
    expect(periodFromParams(['x'])).toBe(28);
  });
});

describe('pharmacy page sections', () => {
  it('has a card per period, then the total, each product with its amount', () => {
    const sections = pharmacySections(supply());
    expect(sections.map((x) => x.title)).toEqual([
      'Period 1: 2026-11-23 to 2026-12-06 (14 days), steps 4-5',
      'Period 2: 2026-12-07 (1 day), step 5',
      'Total, 2 periods from 2026-11-23 to 2026-12-07',
    ]);
    expect(sections[0].rows).toEqual([
      { product: 'diazepam 2 mg tablet (halves)', amount: '7 tablets' },
      { product: 'diazepam 0.4 mg/mL oral solution', amount: '35 mL (1 bottle of 100 mL)' },
    ]);
    expect(sections[1].rows[0].amount).toBe('3 mL (from the bottle already open)');
    expect(sections[2].total).toBe(true);
    expect(sections[2].rows[1].amount).toBe('38 mL (1 bottle of 100 mL)');
  });

  it('says when nothing is left', () => {
    const done = supply({ periods: [], total: [], pack_sources: [] });
    expect(pharmacySections(done)).toEqual([]);
    expect(nothingLeftText(done)).toBe('Nothing left to dispense: the plan stopped on 2027-01-18.');
  });
});
