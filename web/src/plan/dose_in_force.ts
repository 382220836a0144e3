// Where a new plan starts (docs/planner.md, "Changing a plan"): the dose in force today, as
// GET /people/{pid}/plans reports it, never above it; going back up to the previous step is an
// explicit choice with a reason. Pure helpers; the regimen step draws them.
import type { DescribedRegimen, DoseInForce } from '../api/types';
import { DoseEntry } from './regimen';

export type { DoseInForce };

// The choice to go back up to the previous step, with the person's reason.
export interface GoBack {
  toStep: number;
  reason: string;
}

function num(x: number): string {
  return String(Number(x.toFixed(4)));
}

export function dailyMg(r: DescribedRegimen, drug: string): number {
  return r.drugs.filter((d) => d.drug === drug).reduce((sum, d) => sum + d.doses.reduce((s, x) => s + x.dose_mg, 0), 0);
}

// The first drug of a regimen and its doses, for the wizard's one-drug form.
export function firstDrug(r: DescribedRegimen | undefined): { drug: string; doses: DoseEntry[] } | undefined {
  const d = r?.drugs[0];
  return d && d.doses.length
    ? { drug: d.drug, doses: d.doses.map((x) => ({ dose_mg: x.dose_mg, time: x.time })) }
    : undefined;
}

// Plain words on where the doses came from, shown above the form.
export function inForceWords(f: DoseInForce): string {
  const text = f.regimen.text || 'no doses';
  if (f.source === 'plan') {
    const step = `step ${f.step}${f.of ? ` of ${f.of}` : ''} of your plan`;
    return `Filled in with the dose in force today, ${step}: ${text}. A new plan starts from this dose or a lower one, never a higher one.`;
  }
  return `Filled in with the regimen you recorded: ${text}. A new plan starts from this dose or a lower one, never a higher one.`;
}

export function goBackLabel(f: DoseInForce): string {
  const p = f.previous_step;
  if (!p) return '';
  const total = p.regimen.drugs.map((d) => `${num(d.daily_mg)} mg a day of ${d.drug}`).join(' + ');
  return `Go back to the previous step (step ${p.index}: ${total})`;
}

export function goBackExplanation(f: DoseInForce): string {
  const p = f.previous_step;
  if (!p) return '';
  return (
    `Only if step ${f.step} has been too hard and you have talked it over with your prescriber. ` +
    `The plan goes back up to step ${p.index}'s dose (${p.regimen.text}) from today, stays there for ${f.go_back_hold_days} days, ` +
    `then cuts again at the pace you choose. Your reason is saved with the plan for you and your prescriber.`
  );
}

// The doses typed for `drug`, checked against the most the plan may start from: the dose in
// force, or the previous step's when going back. An empty string when they are not above it.
export function aboveInForce(
  f: DoseInForce | undefined,
  goBack: GoBack | undefined,
  drug: string,
  doses: DoseEntry[],
): string {
  if (!f) return '';
  const ceiling = goBack && f.previous_step ? f.previous_step.regimen : f.regimen;
  const allowed = dailyMg(ceiling, drug);
  const wanted = doses.reduce((s, d) => s + (d.dose_mg > 0 ? d.dose_mg : 0), 0);
  if (wanted <= allowed + 1e-4) return '';
  if (allowed <= 0)
    return `${drug} is not part of the dose in force today, so a new plan cannot start on it here. Ask your prescriber first.`;
  const limit = `${num(allowed)} mg a day of ${drug}`;
  if (goBack)
    return `Going back goes no higher than step ${f.previous_step?.index}: ${limit}. These doses add up to ${num(wanted)} mg a day.`;
  return `These doses add up to ${num(wanted)} mg a day, above the ${limit} in force today. A new plan never starts above today's dose.`;
}
