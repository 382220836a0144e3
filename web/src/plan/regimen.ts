// Pure helpers of the plan wizard: the regimen and formulation texts the API reads (the same
// words as `taperlab plan --regimen/--formulations`) and the plan options body.

import type { Drug, Formulation, Regimen } from '../api/types';

export type { Drug, Formulation };

// A dose as the regimen form holds it: HH:MM and mg, as the API writes a regimen's doses.
export type DoseEntry = Regimen['drugs'][number]['doses'][number];

export function drugName(d: Drug): string {
  return d.name;
}

function num(x: number): string {
  return String(Number(x.toFixed(4)));
}

// "clonazepam 0.5mg@08:00, 0.5mg@20:00"; doses sorted by time.
export function regimenText(drugId: string, doses: DoseEntry[]): string {
  const sorted = [...doses].sort((a, b) => a.time.localeCompare(b.time));
  return `${drugId} ${sorted.map((d) => `${num(d.dose_mg)}mg@${d.time}`).join(', ')}`;
}

// Problems with the doses as typed, keyed "doses[i].dose_mg" / "doses[i].time".
export function regimenProblems(doses: DoseEntry[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (doses.length === 0) out.doses = 'Add at least one dose.';
  const seen = new Set<string>();
  doses.forEach((d, i) => {
    if (!(d.dose_mg > 0)) out[`doses[${i}].dose_mg`] = 'Enter the dose in mg, above 0.';
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(d.time)) out[`doses[${i}].time`] = 'Enter a time as HH:MM.';
    else if (seen.has(d.time)) out[`doses[${i}].time`] = 'Two doses at the same time: combine them.';
    seen.add(d.time);
  });
  return out;
}

export function formulationKey(f: Formulation): string {
  const strength = f.form === 'oral_solution' ? `${num(f.strength_mg_per_ml)}mg/ml` : `${num(f.strength_mg)}mg`;
  return `${f.form}:${strength}:${f.split}`;
}

// "0.5 mg tablet (halves)": GET /drugs describes each product.
export function formulationLabel(f: Formulation): string {
  return f.description;
}

// The drug's formulations without duplicates across countries, solids by strength first.
export function uniqueFormulations(list: Formulation[]): Formulation[] {
  const seen = new Map<string, Formulation>();
  for (const f of list) {
    const key = formulationKey(f);
    if (!seen.has(key)) seen.set(key, f);
  }
  return [...seen.values()].sort(
    (a, b) =>
      a.form.localeCompare(b.form) ||
      (a.form === 'oral_solution' ? a.strength_mg_per_ml : a.strength_mg) -
        (b.form === 'oral_solution' ? b.strength_mg_per_ml : b.strength_mg),
  );
}

// "clonazepam:0.5 tablet half; clonazepam:0.1 solution": the server spells each product in the
// --formulations words (GET /drugs: spec), each once.
export function formulationsText(chosen: Formulation[]): string {
  return [...new Set(chosen.map((f) => f.spec))].join('; ');
}

export type Strategy = 'fraction' | 'hyperbolic' | 'bands' | 'guided' | 'crossover';

export interface StrategyChoice {
  strategy: Strategy;
  cut_percent?: number; // fraction, crossover then fraction
  every_days?: number; // fraction, hyperbolic, crossover
  steps?: number; // hyperbolic
  pace?: 'slow' | 'medium' | 'fast'; // bands
  ceiling?: number; // guided (blank: taperlab's default)
  to?: string; // crossover target, usually diazepam
  then?: Strategy; // crossover: what follows
  start?: string; // YYYY-MM-DD
  goal?: string; // "stop" or "2mg"
}

// The body of POST /plans/preview and /plans.
export function planOptions(
  regimen: string | undefined,
  formulations: string | undefined,
  s: StrategyChoice,
): Record<string, unknown> {
  const body: Record<string, unknown> = { strategy: s.strategy };
  if (regimen) body.regimen = regimen;
  if (formulations) body.formulations = formulations;
  // The wizard leaves undefined what the chosen strategy does not use.
  if (s.cut_percent !== undefined) body.cut = `${num(s.cut_percent)}%`;
  if (s.every_days !== undefined) body.every = `${s.every_days}d`;
  if (s.steps !== undefined) body.steps = s.steps;
  if (s.pace) body.pace = s.pace;
  if (s.ceiling !== undefined) body.ceiling = s.ceiling;
  if (s.strategy === 'crossover') {
    body.to = s.to || 'diazepam';
    body.then = s.then || 'fraction';
  }
  if (s.start) body.start = s.start;
  if (s.goal && s.goal !== 'stop') body.goal = s.goal;
  return body;
}
