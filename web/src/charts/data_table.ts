// The table view of a chart: the same data, dates and units, for screen readers and for anyone
// who prefers numbers. A missing value is named ("not answered", "—"), never shown as 0.
import { h } from '../dom';
import { axisWords, bandOf, ChartSpec, formatValue } from './chart_spec';
import { formatDate, userLocale } from './time_axis';

export interface TableModel {
  caption: string;
  headers: string[];
  rows: string[][];
}

export function tableModel(spec: ChartSpec, locale = userLocale()): TableModel {
  const missing = spec.missingText ?? '—';
  const withBand = Boolean(spec.bands?.length) && spec.series.length === 1;
  const headers = [spec.time ? 'Date' : 'Day', ...spec.series.map((s) => `${s.label} (${spec.unit})`)];
  if (withBand) headers.push('Severity');
  const spreads = spec.spreads ?? [];
  for (const r of spreads) headers.push(`${r.label}, from (${spec.unit})`, `${r.label}, to (${spec.unit})`);
  const decimals = spec.series[0]?.decimals;
  const rows: string[][] = [];
  spec.x.forEach((x, i) => {
    const values = spec.series.map((s) => s.values[i] ?? null);
    if ((spec.tableRows ?? 'any') === 'any' && values.every((v) => v === null)) return;
    const row = [
      spec.time ? formatDate(x, locale) : `Day ${x + 1}`,
      ...values.map((v, j) => formatValue(v, spec.series[j].decimals) ?? missing),
    ];
    if (withBand) row.push(bandOf(spec.bands, values[0]) ?? missing);
    for (const r of spreads)
      row.push(formatValue(r.lower[i], decimals) ?? missing, formatValue(r.upper[i], decimals) ?? missing);
    rows.push(row);
  });
  return { caption: `${spec.title} (${axisWords(spec)})`, headers, rows };
}

// A <details> holding the table; the rows are built when it is first opened (a preview has
// hundreds of days per chart and most people never open it).
export function dataTableView(spec: ChartSpec): HTMLDetailsElement {
  const details = h(
    'details',
    { class: 'chart-table', 'data-testid': 'chart-table' },
    h('summary', {}, `Table of “${spec.title}”`),
  );
  let built = false;
  const build = () => {
    if (built) return;
    built = true;
    const m = tableModel(spec);
    if (m.rows.length === 0) {
      details.append(h('p', {}, 'No values yet.'));
      return;
    }
    details.append(
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          {},
          h('caption', {}, m.caption),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              m.headers.map((t) => h('th', { scope: 'col' }, t)),
            ),
          ),
          h(
            'tbody',
            {},
            m.rows.map((r) =>
              h(
                'tr',
                {},
                r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c))),
              ),
            ),
          ),
        ),
      ),
    );
  };
  details.addEventListener('toggle', () => {
    if (details.open) build();
  });
  return details;
}
