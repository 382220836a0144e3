// uPlot and the chart module, loaded by the pages that draw charts (the plan preview, progress)
// when they draw them: the sign-in page and the rest of the app do without them
// (test/bundle.test.ts checks the built entry).
import { h } from '../dom';

export type ChartModule = typeof import('./line_chart');

export function loadCharts(): Promise<ChartModule> {
  return import('./line_chart');
}

// Draws into `box` once the module is loaded; the destroyer works before and after that.
export function drawLater(box: HTMLElement, draw: (charts: ChartModule) => (() => void)[]): () => void {
  let destroyed = false;
  let destroyers: (() => void)[] = [];
  loadCharts().then(
    (charts) => {
      if (!destroyed) destroyers = draw(charts);
    },
    () => {
      if (!destroyed)
        box.append(
          h('p', { class: 'notice' }, 'The charts could not be loaded. Check the connection and reload the page.'),
        );
    },
  );
  return () => {
    destroyed = true;
    destroyers.forEach((d) => d());
  };
}
