import { describe, expect, it } from 'vitest';
import { formulationsText, planOptions, regimenProblems, regimenText, uniqueFormulations } from '../src/plan/regimen';

describe('regimen text', () => {
  it('writes doses in time order', () => {
    expect(
      regimenText('clonazepam', [
        { dose_mg: 0.5, time: '20:00' },
        { dose_mg: 0.5, time: '08:00' },
      ]),
    ).toBe('clonazepam 0.5mg@08:00, 0.5mg@20:00');
  });
  it('reports bad doses and times', () => {
    const p = regimenProblems([
      { dose_mg: 0, time: '8am' },
      { dose_mg: 1, time: '20:00' },
      { dose_mg: 1, time: '20:00' },
    ]);
    expect(Object.keys(p).sort()).toEqual(['doses[0].dose_mg', 'doses[0].time', 'doses[2].time']);
    expect(regimenProblems([])).toHaveProperty('doses');
  });
});

describe('formulations', () => {
  // As GET /drugs lists them: the same product may be sold in several countries.
  const product = (form: string, strength: number, split: string, spec: string) => ({
    description: `${strength} ${form}`,
    form,
    spec,
    split,
    strength_mg: form === 'oral_solution' ? 0 : strength,
    strength_mg_per_ml: form === 'oral_solution' ? strength : 0,
  });
  const list = [
    product('tablet', 2, 'half', 'clonazepam:2 tablet half'),
    product('tablet', 0.5, 'half', 'clonazepam:0.5 tablet half'),
    product('tablet', 0.5, 'half', 'clonazepam:0.5 tablet half'),
    product('odt', 0.125, 'none', 'clonazepam:0.125 odt'),
    product('oral_solution', 0.1, 'none', 'clonazepam:0.1 solution'),
  ];
  it('drops duplicates across countries, by form then strength', () => {
    expect(uniqueFormulations(list).map((f) => f.spec)).toEqual([
      'clonazepam:0.125 odt',
      'clonazepam:0.1 solution',
      'clonazepam:0.5 tablet half',
      'clonazepam:2 tablet half',
    ]);
  });
  it("joins the server's spec of each product, each once", () => {
    expect(formulationsText(list.slice(1, 5))).toBe(
      'clonazepam:0.5 tablet half; clonazepam:0.125 odt; clonazepam:0.1 solution',
    );
  });
});

describe('plan options', () => {
  it('writes a fraction plan as the CLI words', () => {
    expect(
      planOptions('clonazepam 0.5mg@08:00, 0.5mg@20:00', undefined, {
        strategy: 'fraction',
        cut_percent: 10,
        every_days: 14,
        goal: 'stop',
      }),
    ).toEqual({
      strategy: 'fraction',
      regimen: 'clonazepam 0.5mg@08:00, 0.5mg@20:00',
      cut: '10%',
      every: '14d',
    });
  });
  it('adds the crossover target and what follows', () => {
    expect(
      planOptions(undefined, 'diazepam:2,5 tablet half', {
        strategy: 'crossover',
        cut_percent: 5,
        every_days: 21,
        goal: '2mg',
      }),
    ).toEqual({
      strategy: 'crossover',
      formulations: 'diazepam:2,5 tablet half',
      cut: '5%',
      every: '21d',
      to: 'diazepam',
      then: 'fraction',
      goal: '2mg',
    });
  });
});
