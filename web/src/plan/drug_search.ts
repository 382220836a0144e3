// Finding a medicine by what the person calls it: the generic name or a brand name from the
// catalogue (data/drugs/*.json "brands": Xanax is alprazolam, Klonopin clonazepam, Ambien
// zolpidem, Valium diazepam). Pure; the regimen step's search box uses it.
import { Drug, drugName } from './regimen';

export function brandNames(d: Drug): string[] {
  const out: string[] = [];
  for (const list of Object.values(d.brands)) {
    for (const b of list) if (!out.some((x) => x.toLowerCase() === b.toLowerCase())) out.push(b);
  }
  return out;
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

export interface DrugMatch {
  drug: Drug;
  brand?: string; // the brand typed, when the match is by brand
}

// Drugs whose generic name or a brand starts with what was typed (a whole-name match first), then
// those that contain it; a brand match names the brand.
export function findDrugs(query: string, drugs: Drug[]): DrugMatch[] {
  const q = fold(query);
  if (!q) return [];
  const ranked: { m: DrugMatch; rank: number }[] = [];
  for (const d of drugs) {
    let best: { m: DrugMatch; rank: number } | undefined;
    const consider = (name: string, brand?: string) => {
      const n = fold(name);
      const rank = n === q ? 0 : n.startsWith(q) ? 1 : n.includes(q) ? 2 : -1;
      if (rank >= 0 && (!best || rank < best.rank)) best = { m: { drug: d, brand }, rank };
    };
    consider(drugName(d));
    consider(d.id);
    for (const b of brandNames(d)) consider(b, b);
    if (best) ranked.push(best);
  }
  return ranked.sort((a, b) => a.rank - b.rank || drugName(a.m.drug).localeCompare(drugName(b.m.drug))).map((r) => r.m);
}

// "Xanax is alprazolam." or "clonazepam" for the search's answer line.
export function matchWords(m: DrugMatch): string {
  return m.brand ? `${m.brand} is ${drugName(m.drug)}.` : `${drugName(m.drug)}.`;
}

// The select's option text: "alprazolam (Xanax, Xanor, ...)".
export function optionLabel(d: Drug): string {
  const brands = brandNames(d);
  return brands.length ? `${drugName(d)} (${brands.join(', ')})` : drugName(d);
}
