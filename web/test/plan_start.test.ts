import { describe, expect, it } from 'vitest';
import { aboveInForce, DoseInForce, firstDrug, goBackLabel, inForceWords } from '../src/plan/dose_in_force';
import { findDrugs, matchWords, optionLabel } from '../src/plan/drug_search';
import { Drug } from '../src/plan/regimen';

// The demo journal's day: step 5 of a clonazepam taper (0.59 mg a day), step 4 at 0.66 mg.
const inForce: DoseInForce = {
  date: '2026-12-07',
  source: 'plan',
  plan_version: 1,
  step: 5,
  of: 28,
  paused: false,
  regimen: {
    text: 'clonazepam 0.09 mg at 08:00, 0.5 mg at 20:00',
    drugs: [
      {
        drug: 'clonazepam',
        daily_mg: 0.59,
        doses: [
          { dose_mg: 0.09, time: '08:00' },
          { dose_mg: 0.5, time: '20:00' },
        ],
      },
    ],
  },
  previous_step: {
    index: 4,
    start: '2026-11-23',
    regimen: {
      text: 'clonazepam 0.16 mg at 08:00, 0.5 mg at 20:00',
      drugs: [
        {
          drug: 'clonazepam',
          daily_mg: 0.66,
          doses: [
            { dose_mg: 0.16, time: '08:00' },
            { dose_mg: 0.5, time: '20:00' },
          ],
        },
      ],
    },
  },
  go_back_hold_days: 14,
};

describe('the dose in force', () => {
  it("fills the form with today's step, not the regimen the plan started from", () => {
    expect(firstDrug(inForce.regimen)).toEqual({
      drug: 'clonazepam',
      doses: [
        { dose_mg: 0.09, time: '08:00' },
        { dose_mg: 0.5, time: '20:00' },
      ],
    });
    expect(inForceWords(inForce)).toMatch(
      /dose in force today, step 5 of 28 of your plan: clonazepam 0\.09 mg at 08:00, 0\.5 mg at 20:00\. .*never a higher one/,
    );
  });
  it('refuses doses above it unless going back, and then no higher than the previous step', () => {
    const original = [
      { dose_mg: 0.5, time: '08:00' },
      { dose_mg: 0.5, time: '20:00' },
    ];
    expect(aboveInForce(inForce, undefined, 'clonazepam', original)).toMatch(
      /add up to 1 mg a day, above the 0\.59 mg a day of clonazepam in force today/,
    );
    expect(aboveInForce(inForce, undefined, 'clonazepam', inForce.regimen.drugs[0].doses)).toBe('');
    expect(aboveInForce(inForce, undefined, 'clonazepam', [{ dose_mg: 0.5, time: '20:00' }])).toBe('');
    expect(aboveInForce(inForce, undefined, 'diazepam', [{ dose_mg: 2, time: '20:00' }])).toMatch(
      /^diazepam is not part of the dose in force today/,
    );
    const back = { toStep: 4, reason: 'too hard' };
    expect(aboveInForce(inForce, back, 'clonazepam', inForce.previous_step!.regimen.drugs[0].doses)).toBe('');
    expect(aboveInForce(inForce, back, 'clonazepam', original)).toMatch(/no higher than step 4: 0\.66 mg a day/);
    expect(aboveInForce(undefined, undefined, 'clonazepam', original)).toBe('');
  });
  it('names the step it goes back to', () => {
    expect(goBackLabel(inForce)).toBe('Go back to the previous step (step 4: 0.66 mg a day of clonazepam)');
    expect(goBackLabel({ ...inForce, previous_step: null })).toBe('');
  });
});

describe('brand names in the drug picker', () => {
  // As GET /drugs lists a drug; only the names and brands matter here.
  const drug = (id: string, brands: Drug['brands'] = {}): Drug => ({
    id,
    name: id,
    brands,
    acting: 'long',
    class: 'benzodiazepine',
    equivalent_to_reference: { dose_mg: 10, evidence: 'published' },
    formulations: [],
  });
  const drugs: Drug[] = [
    drug('alprazolam', { US: ['Xanax', 'Xanax XR'], UK: ['Xanax'], EU: ['Xanax', 'Xanor'] }),
    drug('clonazepam', { US: ['Klonopin'], UK: ['Rivotril'] }),
    drug('diazepam', { US: ['Valium'], EU: ['Valium', 'Stesolid'] }),
    drug('zolpidem', { US: ['Ambien', 'Ambien CR'], UK: ['Stilnoct'] }),
    drug('lorazepam', { US: ['Ativan'] }),
  ];
  it('finds the drug by brand, whatever the case', () => {
    for (const [typed, id] of [
      ['Xanax', 'alprazolam'],
      ['klonopin', 'clonazepam'],
      ['AMBIEN', 'zolpidem'],
      ['Valium', 'diazepam'],
      ['rivo', 'clonazepam'],
    ]) {
      expect(findDrugs(typed, drugs)[0]?.drug.id).toBe(id);
    }
    expect(matchWords(findDrugs('xanax', drugs)[0])).toBe('Xanax is alprazolam.');
    expect(findDrugs('loraz', drugs)[0]).toEqual({ drug: drugs[4], brand: undefined });
    expect(findDrugs('nothing like it', drugs)).toEqual([]);
    expect(findDrugs('  ', drugs)).toEqual([]);
  });
  it('lists each brand once beside the generic name', () => {
    expect(optionLabel(drugs[0])).toBe('alprazolam (Xanax, Xanax XR, Xanor)');
    expect(optionLabel(drug('x'))).toBe('x');
  });
});
