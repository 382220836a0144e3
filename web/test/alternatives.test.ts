import { describe, expect, it } from 'vitest';
import {
  cardText,
  endDay,
  kindLabel,
  peakText,
  PlanAlternative,
  reasonText,
  sharedScale,
  sparklinePath,
} from '../src/plan/alternatives_text';
import { countryName, inCountry, planCountry } from '../src/plan/countries';

// Shaped as the server answers for US clonazepam 0.5 mg twice a day, 10% every 14 days.
const compounded: PlanAlternative = {
  number: 1,
  chosen: true,
  kind: 'compounded',
  title: 'clonazepam from a compounded oral liquid of 0.05 mg/mL, measured with an oral syringe',
  to_get: ['clonazepam 0.05 mg/mL oral solution (compounded): 891 mL in all'],
  weeks: 56,
  steps: 29,
  peak_share_of_abrupt: 0.12378,
  strategy: 'fraction',
  summary: 'clonazepam from a compounded oral liquid: 56 weeks, 29 steps',
  dose_by_step: [
    [0, 18],
    [14, 16.2],
    [378, 1],
    [392, 0],
  ],
};
const crossover: PlanAlternative = {
  number: 2,
  chosen: false,
  kind: 'crossover',
  title: 'switch to diazepam first (Ashton Manual), then taper it',
  to_get: ['diazepam 2 mg tablets (scored, halves): 245 in all', 'diazepam 1 mg/mL oral solution: 511 mL in all'],
  weeks: 62,
  steps: 34,
  peak_share_of_abrupt: 0.0963,
  strategy: 'crossover',
  summary: 'switch to diazepam first: 62 weeks, 34 steps',
  dose_by_step: [
    [0, 20],
    [28, 18],
    [420, 1],
    [434, 0],
  ],
};

describe('alternative cards', () => {
  it('writes what to get, how long and the peak', () => {
    const t = cardText(compounded, 'US');
    expect(t.heading).toBe(
      'Option 1: Clonazepam from a compounded oral liquid of 0.05 mg/mL, measured with an oral syringe',
    );
    expect(t.kind).toBe('A liquid made up by a pharmacy');
    expect(t.toGet).toEqual(['clonazepam 0.05 mg/mL oral solution (compounded): 891 mL in all']);
    expect(t.length).toBe('56 weeks, 29 steps');
    expect(t.peak).toBe("12% of an abrupt stop's");
    expect(t.sparkLabel).toBe('Daily dose (diazepam-equivalent) from 18 mg to 0 mg over 56 weeks');
  });
  it('says so when there is nothing to get, and counts in the singular', () => {
    const t = cardText({
      ...compounded,
      number: 3,
      chosen: false,
      kind: 'as-given',
      title: 'as given',
      to_get: [],
      weeks: 1,
      steps: 1,
      peak_share_of_abrupt: 0,
      dose_by_step: [],
    });
    expect(t.toGet).toEqual(['Nothing new to get']);
    expect(t.length).toBe('1 week, 1 step');
    expect(t.peak).toBe("0% of an abrupt stop's");
    expect(t.sparkLabel).toBe('Daily dose not available');
  });
  it('names each kind in plain words', () => {
    expect(kindLabel('extra-products', 'UK')).toBe('With more products sold in the United Kingdom');
    expect(kindLabel('extra-products', 'DE')).toBe('With more products sold in Germany');
    expect(kindLabel('crossover')).toBe('Switch to diazepam');
    expect(kindLabel('as-given')).toBe('With the products you named');
    expect(kindLabel('compounded')).toBe('A liquid made up by a pharmacy');
  });
  it('never rounds a peak above 0 down to 0%', () => {
    expect(peakText(0.004)).toBe("under 1% of an abrupt stop's");
    expect(peakText(0)).toBe("0% of an abrupt stop's");
    expect(peakText(1)).toBe("100% of an abrupt stop's");
  });
  it('puts the reason in calm words, with the country', () => {
    const text = reasonText(
      'the products listed cannot make the next safe step of clonazepam (about 0.281 mg a day).',
      'US',
    );
    expect(text.lead).toMatch(
      /^The products usually sold in the United States cannot make every step of this plan on their own\. This is common/,
    );
    expect(text.why).toBe(
      'Why: The products listed cannot make the next safe step of clonazepam (about 0.281 mg a day).',
    );
    const none = reasonText('');
    expect(none.lead).toMatch(/^The products usually sold cannot make every step/);
    expect(none.why).toBe('');
  });
});

describe('sparkline', () => {
  it('shares one scale between the cards', () => {
    const s = sharedScale([compounded, crossover], 240, 48);
    expect(s).toEqual({ width: 240, height: 48, maxDay: 434, maxMg: 20, pad: 2 });
    expect(endDay(compounded)).toBe(392);
    expect(endDay({ ...compounded, weeks: 60 })).toBe(420);
    expect(sharedScale([]).maxMg).toBe(1);
  });
  it('draws the dose as a staircase', () => {
    const scale = { width: 100, height: 20, maxDay: 100, maxMg: 10 };
    expect(
      sparklinePath(
        [
          [0, 10],
          [50, 5],
          [100, 0],
        ],
        scale,
      ),
    ).toBe('M0,0 H50 V10 H100 V20 H100');
    // Kept inside the box, with the padding, and extended to the plan's end.
    expect(
      sparklinePath(
        [
          [0, 12],
          [20, 5],
        ],
        { ...scale, pad: 2 },
        80,
      ),
    ).toBe('M0,2 H20 V10 H80');
    expect(sparklinePath([], scale)).toBe('');
  });
});

describe('countries', () => {
  it('reads a profile country as the catalogue does', () => {
    expect(planCountry('gb')).toBe('UK');
    expect(planCountry(' us ')).toBe('US');
    expect(planCountry('XX')).toBe('');
    expect(planCountry(undefined)).toBe('');
    expect(countryName('NL')).toBe('Netherlands');
    expect(inCountry('NL')).toBe('in the Netherlands');
    expect(inCountry('FR')).toBe('in France');
  });
});

describe('the plan options body', async () => {
  const { optionsKey, wizardPlanOptions } = await import('../src/plan/options');
  const state = {
    drugs: [],
    drugId: 'clonazepam',
    doses: [],
    regimenText: 'clonazepam 0.5mg@08:00, 0.5mg@20:00',
    useDefaultFormulations: true,
    formulations: [],
    strategy: { strategy: 'fraction' as const, cut_percent: 10, every_days: 14, goal: 'stop' },
    country: 'US',
  };
  it('sends the country, and the alternative picked for these options', () => {
    expect(wizardPlanOptions(state)).toEqual({
      strategy: 'fraction',
      regimen: 'clonazepam 0.5mg@08:00, 0.5mg@20:00',
      cut: '10%',
      every: '14d',
      country: 'US',
    });
    const picked = { ...state, alternative: { number: 2, optionsKey: optionsKey(state) } };
    expect(wizardPlanOptions(picked).alternative).toBe(2);
  });
  it('drops the alternative once the options change', () => {
    const picked = { ...state, alternative: { number: 2, optionsKey: optionsKey(state) } };
    expect(wizardPlanOptions({ ...picked, country: 'UK' })).not.toHaveProperty('alternative');
    expect(wizardPlanOptions({ ...picked, strategy: { ...state.strategy, cut_percent: 5 } })).not.toHaveProperty(
      'alternative',
    );
  });
});
