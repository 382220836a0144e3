// The daily dose of each drug, in mg of that drug, from saved plan documents (report/plan_json:
// each step's "day" and "daily_mg" by drug id, the "start_regimen" it started from). The server's
// series carry the diazepam-equivalent total only; someone on alprazolam 3 mg a day must see 3,
// not 54 (issue 22). The equivalent total is shown as well only where drugs are mixed.
// Pure, tested.
import type { Plan, PlanStep, PlanVersion } from '../api/types';

type PlanStepDoc = Pick<PlanStep, 'day' | 'daily_mg'>;

// What these lines read of a plan document (the API's Plan).
export type DosePlanDoc = Pick<Plan, 'start_date' | 'start_diazepam_equivalent_mg'> & {
  start_regimen: { drugs: Pick<Plan['start_regimen']['drugs'][number], 'drug' | 'daily_mg'>[] };
  steps: PlanStepDoc[];
};

export interface DrugLines {
  drugs: string[]; // drug ids in order of first appearance
  byDrug: Record<string, (number | null)[]>;
  mixed: boolean; // more than one drug over the span: the equivalent total is worth showing
}

// The dose axis's title: "mg of alprazolam a day"; a long name in a shorter form that still fits
// a 220 px chart's axis ("chlordiazepoxide, mg a day").
export function doseAxisLabel(drug: string): string {
  const words = `mg of ${drug} a day`;
  return words.length <= 24 ? words : `${drug}, mg a day`;
}

// The diazepam-equivalent total's axis title (shown only where drugs are mixed).
export const EQUIVALENT_AXIS = 'diazepam-eq. mg a day';

function drugsOf(plans: DosePlanDoc[]): string[] {
  const out: string[] = [];
  const add = (id: string) => {
    if (!out.includes(id)) out.push(id);
  };
  for (const p of plans) {
    for (const d of p.start_regimen.drugs) add(d.drug);
    for (const s of p.steps) for (const id of Object.keys(s.daily_mg)) add(id);
  }
  return out;
}

// The step in force on day `day` of the plan: the last one started (plan_view.cpp, step_on).
function stepOn(plan: DosePlanDoc, day: number): PlanStepDoc | null {
  let found: PlanStepDoc | null = null;
  for (const s of plan.steps) if (s.day <= day) found = s;
  return found;
}

function startDaily(plan: DosePlanDoc): Record<string, number> | null {
  const drugs = plan.start_regimen.drugs;
  if (!drugs.length) return null;
  const out: Record<string, number> = {};
  for (const d of drugs) out[d.drug] = (out[d.drug] ?? 0) + d.daily_mg;
  return out;
}

function lines(drugs: string[], perDay: (Record<string, number> | null)[]): DrugLines {
  const byDrug: Record<string, (number | null)[]> = {};
  // A drug absent from a step's daily_mg is not taken that day: 0 mg (the final stop lists none).
  for (const id of drugs) byDrug[id] = perDay.map((day) => (day === null ? null : (day[id] ?? 0)));
  return { drugs, byDrug, mixed: drugs.length > 1 };
}

// For a plan preview: day numbers from the plan's start.
export function previewDrugLines(plan: DosePlanDoc, days: number[]): DrugLines {
  const drugs = drugsOf([plan]);
  return lines(
    drugs,
    days.map((d) => stepOn(plan, d)?.daily_mg ?? null),
  );
}

// A series in diazepam-equivalent mg back in mg of the plan's only drug (the equivalence is a
// fixed ratio per drug and table: the plan's own start regimen gives it). Null for mixed plans.
export function singleDrugScale(plan: DosePlanDoc): { drug: string; mgPerEquivalentMg: number } | null {
  const start = startDaily(plan);
  const de = plan.start_diazepam_equivalent_mg;
  if (!start || de <= 0) return null;
  const ids = Object.keys(start);
  if (ids.length !== 1 || drugsOf([plan]).length !== 1) return null;
  return { drug: ids[0], mgPerEquivalentMg: start[ids[0]] / de };
}

export type SavedPlanVersion = Pick<PlanVersion, 'version' | 'effective_from'> & { plan: DosePlanDoc };

function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round(Date.UTC(y, (m ?? 1) - 1, d ?? 1) / 86400000);
}

// For the progress page: the planned dose on each date, as the server's dose line is made
// (journal/insights.cpp): the newest version in force on the date, its step on that date; before
// the first plan, the regimen it started from.
export function progressDrugLines(dates: string[], versions: SavedPlanVersion[]): DrugLines {
  // A stored plan without a start date (none was given) cannot be placed on the dates.
  const usable = versions.filter((v) => typeof v.plan.start_date === 'string');
  const drugs = drugsOf(usable.map((v) => v.plan));
  const first = [...usable].sort((a, b) => dayNumber(a.effective_from) - dayNumber(b.effective_from))[0];
  const perDay = dates.map((date) => {
    const today = dayNumber(date);
    let out: Record<string, number> | null = null;
    if (first && today < dayNumber(first.plan.start_date as string)) out = startDaily(first.plan);
    let inForce: SavedPlanVersion | null = null;
    for (const v of usable) {
      if (dayNumber(v.effective_from) <= today && (!inForce || v.version > inForce.version)) inForce = v;
    }
    if (inForce) {
      const step = stepOn(inForce.plan, today - dayNumber(inForce.plan.start_date as string));
      if (step && today >= dayNumber(inForce.plan.start_date as string)) out = step.daily_mg;
    }
    return out;
  });
  return lines(drugs, perDay);
}
