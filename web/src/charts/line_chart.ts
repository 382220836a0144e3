// A uPlot line chart sized to its container, with optional vertical markers (dose cuts) and a
// cursor shared between charts of one page (sync key). uPlot styles its elements through the
// CSSOM, which the Content-Security-Policy allows; its stylesheet is imported in main.ts.
import uPlot from 'uplot';

export interface LineSeries {
  label: string;
  values: (number | null)[];
  color: string;
  dash?: number[];
  points?: boolean; // sparse data (questionnaires, tests): show points, join gaps
}

export interface ChartOptions {
  title: string;
  x: number[]; // unix seconds when time is true, else day numbers
  time: boolean;
  series: LineSeries[];
  yLabel?: string;
  markers?: number[]; // x positions of vertical lines
  sync?: string;
  height?: number;
  yRange?: [number, number];
}

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

export function lineChart(container: HTMLElement, opts: ChartOptions): () => void {
  const width = () => Math.max(280, Math.floor(container.clientWidth || container.getBoundingClientRect().width || 340));
  const options: uPlot.Options = {
    title: opts.title,
    width: width(),
    height: opts.height ?? 200,
    scales: {
      // A day or two of data would otherwise stretch over years of empty axis.
      x: {
        time: opts.time,
        // (uPlot widens a single time value by 86400 / ms, which is years for seconds.)
        range: (_u: uPlot, min: number, max: number): uPlot.Range.MinMax => {
          const minSpan = opts.time ? 7 * 86400 : 7;
          const lo = Math.min(...opts.x);
          const hi = Math.max(...opts.x);
          if (opts.x.length === 0 || !(hi - lo < minSpan)) return [min, max];
          const mid = (lo + hi) / 2;
          return [mid - minSpan / 2, mid + minSpan / 2];
        },
      },
      y: opts.yRange ? { range: opts.yRange } : { auto: true },
    },
    axes: [
      { stroke: '#444', grid: { stroke: '#eee' } },
      { stroke: '#444', grid: { stroke: '#eee' }, label: opts.yLabel, size: 50 },
    ],
    cursor: opts.sync ? { sync: { key: opts.sync } } : {},
    legend: { live: true },
    plugins: opts.markers?.length ? [markerPlugin(opts.markers)] : [],
    series: [
      { label: opts.time ? 'Date' : 'Day' },
      ...opts.series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 2,
        dash: s.dash,
        spanGaps: Boolean(s.points),
        // Few values make no visible line: show them as points.
        points: { show: Boolean(s.points) || s.values.filter((v) => v !== null).length <= 3 },
      })),
    ],
  };
  const data = [opts.x, ...opts.series.map((s) => s.values)] as uPlot.AlignedData;
  const chart = new uPlot(options, data, container);
  const onResize = () => chart.setSize({ width: width(), height: opts.height ?? 200 });
  window.addEventListener('resize', onResize);
  return () => {
    window.removeEventListener('resize', onResize);
    chart.destroy();
  };
}

// "YYYY-MM-DD" to unix seconds at local noon (no time-zone edge at midnight).
export function dateToSeconds(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, (m ?? 1) - 1, d ?? 1, 12).getTime() / 1000;
}
