// The preview's charts: the chosen plan next to an abrupt stop, on one date axis, each with its
// unit on the axis and a table view.
import { h } from '../dom';
import { drawLater } from '../charts/lazy';
import { previewCharts } from './preview_series';
import type { PlanPreview } from '../api/types';

const DRUG_COLORS = ['#2f6690', '#3a7d44', '#7a5c99'];

export function renderPreviewCharts(container: HTMLElement, answer: PlanPreview): () => void {
  const data = previewCharts(answer);
  if (!data) {
    container.append(h('p', {}, 'The modelled curves are not available for this plan.'));
    return () => {};
  }
  container.append(
    h(
      'p',
      { class: 'hint' },
      'Solid line: this plan. Dashed grey line: stopping all at once, for comparison only (never stop suddenly). The model is a simplification; your own experience may differ.',
    ),
  );
  return drawLater(container, ({ chartFigure }) =>
    data.panels.map((panel) =>
      chartFigure(container, {
        title: panel.title,
        x: data.x,
        time: data.time,
        sync: 'preview',
        height: 180,
        yLabel: panel.yLabel,
        unit: panel.unit,
        tableRows: 'all',
        series: panel.lines.map((l, i) =>
          l.kind === 'abrupt'
            ? { label: l.label, values: l.values, color: '#8a8a8a', dash: [6, 4], decimals: panel.decimals }
            : {
                label: l.label,
                values: l.values,
                color: DRUG_COLORS[i % DRUG_COLORS.length],
                decimals: panel.decimals,
              },
        ),
      }),
    ),
  );
}
