// The preview's four charts: the chosen plan next to an abrupt stop, on one day axis.
import { h } from '../dom';
import { lineChart } from '../charts/line_chart';
import { previewCharts } from './preview_series';
import { PreviewAnswer } from './wizard_state';

export function renderPreviewCharts(container: HTMLElement, answer: PreviewAnswer): () => void {
  const data = previewCharts(answer);
  if (!data) {
    container.append(h('p', {}, 'The modelled curves are not available for this plan.'));
    return () => {};
  }
  const destroyers: (() => void)[] = [];
  container.append(
    h('p', { class: 'hint' }, 'Solid line: this plan. Dashed grey line: stopping all at once, for comparison only (never stop suddenly). The model is a simplification; your own experience may differ.'),
  );
  for (const panel of data.panels) {
    const box = h('figure', { class: 'chart', 'aria-label': `${panel.title}, this plan compared with an abrupt stop` });
    container.append(box);
    destroyers.push(
      lineChart(box, {
        title: panel.title,
        x: data.x,
        time: false,
        sync: 'preview',
        height: 180,
        yLabel: panel.unit === 'mg' ? 'mg a day' : undefined,
        series: [
          { label: 'This plan', values: panel.plan, color: '#2f6690' },
          { label: 'Abrupt stop', values: panel.abrupt, color: '#8a8a8a', dash: [6, 4] },
        ],
      }),
    );
  }
  return () => destroyers.forEach((d) => d());
}
