import { describe, expect, it } from 'vitest';
import { formulationsText, planOptions, regimenProblems, regimenText, uniqueFormulations } from '../src/plan/regimen';

describe('regimen text', () => {
  it('writes doses in time order', () => {
    expect(regimenText('clonazepam', [{ dose_mg: 0.5, time: '20:00' }, { dose_mg: 0.5, time: '08:00' }])).toBe('clonazepam 0.5mg@08:00, 0.5mg@20:00');
  });
  it('reports bad doses and times', () => {
    const p = regimenProblems([{ dose_mg: 0, time: '8am' }, { dose_mg: 1, time: '20:00' }, { dose_mg: 1, time: '20:00' }]);
    expect(Object.keys(p).sort()).toEqual(['doses[0].dose_mg', 'doses[0].time', 'doses[2].time']);
    expect(regimenProblems([])).toHaveProperty('doses');
  });
});

describe('formulations', () => {
  const list = [
    { country: 'US', form: 'tablet', strength_mg: 0.5, split: 'half' },
    { country: 'UK', form: 'tablet', strength_mg: 0.5, split: 'half' },
    { country: 'US', form: 'tablet', strength_mg: 2, split: 'half' },
    { country: 'US', form: 'odt', strength_mg: 0.125, split: 'none' },
    { country: 'UK', form: 'oral_solution', strength_mg_per_ml: 0.1 },
  ];
  it('drops duplicates across countries', () => {
    expect(uniqueFormulations(list)).toHaveLength(4);
  });
  it("uses the server's spec of each product when given", () => {
    const withSpec = [
      { form: 'tablet', strength_mg: 0.5, split: 'half', spec: 'clonazepam:0.5 tablet half' },
      { form: 'oral_solution', strength_mg_per_ml: 0.1, split: 'none', spec: 'clonazepam:0.1 solution' },
    ];
    expect(formulationsText('clonazepam', withSpec)).toBe('clonazepam:0.5 tablet half; clonazepam:0.1 solution');
  });
  it('groups by form and split in the --formulations grammar', () => {
    expect(formulationsText('clonazepam', uniqueFormulations(list))).toBe('clonazepam:0.125 odt; clonazepam:0.1 solution; clonazepam:0.5,2 tablet half');
  });
});

describe('plan options', () => {
  it('writes a fraction plan as the CLI words', () => {
    expect(planOptions('clonazepam 0.5mg@08:00, 0.5mg@20:00', undefined, { strategy: 'fraction', cut_percent: 10, every_days: 14, goal: 'stop' })).toEqual({
      strategy: 'fraction',
      regimen: 'clonazepam 0.5mg@08:00, 0.5mg@20:00',
      cut: '10%',
      every: '14d',
    });
  });
  it('adds the crossover target and what follows', () => {
    expect(planOptions(undefined, 'diazepam:2,5 tablet half', { strategy: 'crossover', cut_percent: 5, every_days: 21, goal: '2mg' })).toEqual({
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
