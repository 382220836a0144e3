// A questionnaire's severity bands for its chart, from the instrument registry (GET /instruments:
// "bands": [{"min", "label"}], published cut-points with their sources in data/instruments/*.json,
// e.g. PHQ-9 5/10/15/20 and GAD-7 5/10/15, Kroenke 2001 and Spitzer 2006). Nothing is hard-coded
// here: an instrument without bands gets none, and the top of the scale is the sum of each item's
// highest answer.
import type { Instrument } from '../api/types';
import { Band } from './chart_spec';

// What the bands read of an instrument (GET /instruments).
export type BandedInstrument = Pick<Instrument, 'id' | 'name' | 'bands'> & {
  items: { options: Pick<Instrument['items'][number]['options'][number], 'value'>[] }[];
};

// The highest possible total: each item's highest answer, added up (PHQ-9: 9 x 3 = 27).
export function maxTotal(ins: BandedInstrument): number | null {
  const items = ins.items;
  if (items.length === 0) return null;
  let total = 0;
  for (const item of items) {
    const values = item.options.map((o) => o.value);
    if (values.length === 0) return null;
    total += Math.max(...values);
  }
  return total;
}

// Each band runs from its min to the next band's min; the last to the scale's top.
export function severityBands(ins: BandedInstrument): Band[] {
  const top = maxTotal(ins);
  const sorted = [...ins.bands].sort((a, b) => a.min - b.min);
  if (top === null || sorted.length === 0) return [];
  return sorted.map((b, i) => ({ from: b.min, to: i + 1 < sorted.length ? sorted[i + 1].min : top, label: b.label }));
}
