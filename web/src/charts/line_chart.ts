// A uPlot line chart sized to its container: dates in the person's locale on time axes, an axis
// title with its unit, optional horizontal bands (severity ranges) and vertical markers (dose
// cuts), a cursor shared between the charts of one page (sync key), and missing values drawn as
// gaps (spanGaps off): a line never crosses days without data. uPlot styles its elements through
// the CSSOM, which the Content-Security-Policy allows; its stylesheet comes with this module, which
// the pages that draw charts load when they draw them (lazy.ts).
import 'uplot/dist/uPlot.min.css';
import uPlot from 'uplot';
import { h } from '../dom';
import { axisWords, Band, ChartSpec, formatValue, hasIsolatedValue, hasValues, Spread } from './chart_spec';
import { dataTableView } from './data_table';
import { formatDate, tickLabels, timeTicks, TimeTicks } from './time_axis';

export type { Band, ChartSpec, LineSeries, Spread } from './chart_spec';
export { hasValues } from './chart_spec';
export { dateToSeconds } from './time_axis';

// Pale fills, alternating, so neighbouring bands stay distinct without a strong colour.
const BAND_FILLS = ['rgba(47, 102, 144, 0.05)', 'rgba(47, 102, 144, 0.12)'];
const TICK_SPACE_PX = 84; // about the width of "7 Dec 2026"
const CHART_HEIGHT = 220;
const HALF_DAY_S = 43200;

function markerPlugin(markers: number[]): uPlot.Plugin {
  return {
    hooks: {
      draw: (u: uPlot) => {
        const { ctx } = u;
        const { top, height } = u.bbox;
        ctx.save();
        ctx.strokeStyle = 'rgba(90, 90, 90, 0.55)';
        ctx.setLineDash([4, 4]);
        ctx.lineWidth = Math.max(1, devicePixelRatio);
        for (const m of markers) {
          const x = Math.round(u.valToPos(m, 'x', true));
          if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
        }
        ctx.restore();
      },
    },
  };
}

// Bands are drawn under the lines, each named inside its top edge.
function bandPlugin(bands: Band[]): uPlot.Plugin {
  return {
    hooks: {
      drawAxes: (u: uPlot) => {
        const { ctx } = u;
        const { left, width } = u.bbox;
        ctx.save();
        ctx.font = `${Math.round(11 * devicePixelRatio)}px system-ui, sans-serif`;
        // Named at the left edge: the newest values, on the right, stay clear.
        ctx.textAlign = 'left';
        ctx.textBaseline = 'top';
        bands.forEach((b, i) => {
          const y1 = u.valToPos(b.to, 'y', true);
          const y0 = u.valToPos(b.from, 'y', true);
          ctx.fillStyle = BAND_FILLS[i % BAND_FILLS.length];
          ctx.fillRect(left, y1, width, y0 - y1);
          ctx.fillStyle = 'rgba(60, 70, 80, 0.85)';
          if (y0 - y1 >= 12 * devicePixelRatio)
            ctx.fillText(b.label, left + 4 * devicePixelRatio, y1 + 2 * devicePixelRatio);
        });
        ctx.restore();
      },
    },
  };
}

// Spreads are filled under the lines, in the order given (the widest first), each run of days
// with both edges known as one closed shape: a gap in the data is a gap in the fill.
function spreadPlugin(spreads: Spread[], x: number[]): uPlot.Plugin {
  return {
    hooks: {
      drawAxes: (u: uPlot) => {
        const { ctx } = u;
        ctx.save();
        ctx.beginPath();
        ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
        ctx.clip();
        for (const s of spreads) {
          ctx.fillStyle = s.fill;
          let start = 0;
          while (start < x.length) {
            while (start < x.length && (s.lower[start] == null || s.upper[start] == null)) start++;
            let end = start;
            while (end < x.length && s.lower[end] != null && s.upper[end] != null) end++;
            if (end > start) {
              ctx.beginPath();
              for (let i = start; i < end; i++) {
                const px = u.valToPos(x[i], 'x', true);
                const py = u.valToPos(s.upper[i] as number, 'y', true);
                if (i === start) ctx.moveTo(px, py);
                else ctx.lineTo(px, py);
              }
              for (let i = end - 1; i >= start; i--)
                ctx.lineTo(u.valToPos(x[i], 'x', true), u.valToPos(s.lower[i] as number, 'y', true));
              ctx.closePath();
              ctx.fill();
            }
            start = end;
          }
        }
        ctx.restore();
      },
    },
  };
}

function xAxis(spec: ChartSpec): uPlot.Axis {
  if (!spec.time) return { stroke: '#444', grid: { stroke: '#eee' }, label: 'Day of the plan', labelSize: 20 };
  let ticks: TimeTicks = { ticks: [], monthly: false };
  return {
    stroke: '#444',
    grid: { stroke: '#eee' },
    space: TICK_SPACE_PX,
    splits: (u: uPlot, _i: number, min: number, max: number) => {
      const widthPx = u.bbox.width / devicePixelRatio || u.width;
      ticks = timeTicks(min, max, widthPx / TICK_SPACE_PX);
      return ticks.ticks;
    },
    values: (_u: uPlot, splits: number[]) =>
      splits.length === ticks.ticks.length ? tickLabels(ticks) : splits.map((s) => formatDate(s)),
  };
}

export function uplotOptions(spec: ChartSpec, width: number): uPlot.Options {
  const plugins: uPlot.Plugin[] = [];
  if (spec.bands?.length) plugins.push(bandPlugin(spec.bands));
  if (spec.spreads?.length) plugins.push(spreadPlugin(spec.spreads, spec.x));
  if (spec.markers?.length) plugins.push(markerPlugin(spec.markers));
  return {
    width,
    height: spec.height ?? CHART_HEIGHT,
    scales: {
      // A day or two of data would otherwise stretch over years of empty axis.
      x: {
        time: spec.time,
        // (uPlot widens a single time value by 86400 / ms, which is years for seconds.)
        range: (_u: uPlot, min: number, max: number): uPlot.Range.MinMax => {
          const minSpan = spec.time ? 7 * 86400 : 7;
          const lo = Math.min(...spec.x);
          const hi = Math.max(...spec.x);
          // Half a day either side: the first and last days' points are drawn whole.
          const pad = spec.time ? HALF_DAY_S : 0.5;
          if (spec.x.length === 0 || !(hi - lo < minSpan)) return [min - pad, max + pad];
          const mid = (lo + hi) / 2;
          return [mid - minSpan / 2, mid + minSpan / 2];
        },
      },
      y: spec.yRange ? { range: spec.yRange } : { auto: true },
    },
    axes: [
      xAxis(spec),
      {
        stroke: '#444',
        grid: { stroke: '#eee' },
        label: spec.yLabel,
        labelFont: 'bold 11px system-ui, sans-serif',
        labelSize: 20,
        size: 46,
      },
    ],
    cursor: spec.sync ? { sync: { key: spec.sync } } : {},
    legend: { live: true },
    plugins,
    series: [
      {
        label: spec.time ? 'Date' : 'Day',
        value: (_u: uPlot, v: number | null) =>
          v === null || v === undefined ? '—' : spec.time ? formatDate(v) : `Day ${Math.round(v) + 1}`,
      },
      ...spec.series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 2,
        dash: s.dash,
        // Missing is missing: no line is drawn across days without a value.
        spanGaps: false,
        value: (_u: uPlot, v: number | null) => formatValue(v, s.decimals) ?? '—',
        // A value with no neighbour makes no line: mark values with points.
        points: {
          show: Boolean(s.points) || hasIsolatedValue(s.values) || s.values.filter((v) => v !== null).length <= 3,
          size: 7,
        },
      })),
    ],
  };
}

export function lineChart(container: HTMLElement, spec: ChartSpec): () => void {
  const width = () =>
    Math.max(260, Math.floor(container.clientWidth || container.getBoundingClientRect().width || 340));
  const data = [spec.x, ...spec.series.map((s) => s.values)] as uPlot.AlignedData;
  const chart = new uPlot(uplotOptions(spec, width()), data, container);
  const onResize = () => chart.setSize({ width: width(), height: spec.height ?? CHART_HEIGHT });
  window.addEventListener('resize', onResize);
  return () => {
    window.removeEventListener('resize', onResize);
    chart.destroy();
  };
}

// A chart with its title and direction above it and its table view below, appended to `parent`;
// series without a value are left out, and nothing is added when no series has one. Returns the
// destroyer (a no-op when nothing shows).
export function chartFigure(parent: HTMLElement, spec: ChartSpec): () => void {
  const shown = { ...spec, series: spec.series.filter((s) => hasValues(s.values)) };
  if (shown.series.length === 0) return () => {};
  const caption = h(
    'figcaption',
    { class: 'chart-title' },
    spec.title,
    spec.direction ? h('span', { class: 'chart-direction' }, ` (${spec.direction} is better)`) : null,
  );
  const plot = h('div', { class: 'chart-plot' });
  // The bands' lower edges ride along as data-bands (they are drawn on the canvas), for tests.
  const bands = spec.bands?.length ? spec.bands.map((b) => b.from).join(',') : undefined;
  // Likewise how many spreads are filled around the lines.
  const spreads = spec.spreads?.length ? String(spec.spreads.length) : undefined;
  const figure = h(
    'figure',
    {
      class: 'chart',
      'aria-label': `${spec.title} (${axisWords(spec)})`,
      'data-testid': 'chart',
      'data-bands': bands,
      'data-spreads': spreads,
    },
    caption,
    plot,
  );
  parent.append(figure);
  const destroy = lineChart(plot, shown);
  figure.append(dataTableView(shown));
  return destroy;
}
