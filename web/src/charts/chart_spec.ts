// What a chart shows, said once and drawn twice: as a uPlot chart (line_chart.ts) and as a table
// for screen readers (data_table.ts). Pure types and helpers, no DOM.

export interface LineSeries {
  label: string; // readable name for the legend and the table ("Choice reaction time")
  values: (number | null)[]; // null = missing: a gap, never a zero
  color: string;
  dash?: number[];
  points?: boolean; // sparse data (questionnaires, tests): always mark the values
  decimals?: number; // for the legend and the table (default: up to 2)
}

// A horizontal band (a questionnaire's severity range): [from, to) on the y axis.
export interface Band {
  from: number;
  to: number;
  label: string;
}

// A range around a line that changes along x (people like you: the middle half and 9 in 10), drawn
// as a filled area under the lines, the wider ones first; its edges are columns of the table.
export interface Spread {
  lower: (number | null)[];
  upper: (number | null)[];
  fill: string;
  label: string; // "Middle half of people like you": the table's columns are "<label>, from/to"
}

export interface ChartSpec {
  title: string;
  x: number[]; // unix seconds (local noon of each day) when time is true, else day numbers
  time: boolean;
  series: LineSeries[];
  yLabel: string; // the axis title, always with its unit, short enough for the axis: "ms"
  unit: string; // the unit for the table's column headings ("mg a day", "ms", "points")
  direction?: 'lower' | 'higher'; // which way is better, said beside the title
  bands?: Band[];
  spreads?: Spread[];
  markers?: number[]; // x positions of vertical lines (dose cuts)
  sync?: string;
  height?: number;
  yRange?: [number, number];
  missingText?: string; // how the table names a missing value: "not answered" (default "—")
  tableRows?: 'any' | 'all'; // 'any' (default): only the days with at least one value
}

// The axis title with the better direction: "ms; lower is better".
export function axisWords(spec: Pick<ChartSpec, 'yLabel' | 'direction'>): string {
  return spec.direction ? `${spec.yLabel}; ${spec.direction} is better` : spec.yLabel;
}

export function hasValues(xs: (number | null)[]): boolean {
  return xs.some((x) => x !== null && x !== undefined);
}

// A value with no neighbour on either side draws no line when gaps are not spanned: it needs a
// point to be seen at all.
export function hasIsolatedValue(xs: (number | null)[]): boolean {
  return xs.some(
    (x, i) => x !== null && (i === 0 || xs[i - 1] === null) && (i === xs.length - 1 || xs[i + 1] === null),
  );
}

export function formatValue(v: number | null | undefined, decimals?: number): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return null;
  const d = decimals ?? (Math.abs(v) >= 100 ? 0 : 2);
  return Number(v.toFixed(d)).toLocaleString(undefined, { maximumFractionDigits: d });
}

// The band a value falls in ("moderate"), or null.
export function bandOf(bands: Band[] | undefined, v: number | null): string | null {
  if (!bands || v === null) return null;
  const b =
    bands.find((band) => v >= band.from && v < band.to) ??
    (bands.length && v === bands[bands.length - 1].to ? bands[bands.length - 1] : undefined);
  return b ? b.label : null;
}
