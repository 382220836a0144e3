// The preview's band of people like this person: asked for (POST /plans/preview/band) once the
// preview is drawn, since 1,000 simulations take longer than the preview itself, and drawn as two
// charts with a legend in words. A failure leaves the preview as it is, with a line saying so.
import { api, ApiError, personPath } from '../api';
import { h, liveRegion } from '../dom';
import { drawLater } from '../charts/lazy';
import { personId } from '../session';
import type { PlanBand } from '../api/types';
import { BAND_LEGEND, bandCharts, bandExplanation } from './band_series';
import '../styles/band.css';

// The colours are band.css's (the same as band_series.ts draws): no inline style, which the
// Content-Security-Policy would refuse.
function swatch(kind: 'own' | 'middle' | 'nine'): HTMLElement {
  return h('span', { class: `band-swatch band-swatch-${kind}`, 'aria-hidden': 'true' });
}

// The legend in words, with the colours beside them (the words alone say it all).
export function bandLegend(): HTMLElement {
  return h(
    'div',
    { class: 'band-legend', 'data-testid': 'band-legend' },
    h('p', {}, BAND_LEGEND),
    h(
      'ul',
      {},
      h('li', {}, swatch('own'), 'Line: you, as the model expects'),
      h('li', {}, swatch('middle'), 'Darker band: half of people like you'),
      h('li', {}, swatch('nine'), 'Lighter band: 9 in 10 people like you'),
    ),
  );
}

function drawBand(box: HTMLElement, band: PlanBand): () => void {
  const specs = bandCharts(band);
  if (!specs) {
    box.append(h('p', {}, 'The range for people like you is not available for this plan.'));
    return () => {};
  }
  box.append(bandLegend());
  const charts = h('div', { class: 'charts' });
  box.append(charts, h('p', { class: 'hint' }, bandExplanation(band)));
  return drawLater(charts, ({ chartFigure }) => specs.map((spec) => chartFigure(charts, spec)));
}

// Appends the section to `parent` and asks for the band with the preview's own body. Returns the
// destroyer: after it, a late answer draws nothing.
export function renderBand(parent: HTMLElement, body: unknown): () => void {
  const box = h('section', { class: 'people-like-you', 'data-testid': 'people-like-you' });
  const status = liveRegion();
  status.textContent = 'Working out the range for 1,000 people like you...';
  box.append(h('h3', {}, 'People like you'), status);
  parent.append(box);
  let destroyed = false;
  let destroyCharts: () => void = () => {};
  void (async () => {
    try {
      const band = await api.post<PlanBand>(personPath(personId(), '/plans/preview/band'), body);
      if (destroyed) return;
      status.textContent = '';
      destroyCharts = drawBand(box, band);
    } catch (e) {
      if (destroyed) return;
      status.textContent =
        e instanceof ApiError && e.status === 422
          ? 'The range for people like you is not available for this plan.'
          : 'The range for people like you could not be worked out just now. The plan above is not affected.';
    }
  })();
  return () => {
    destroyed = true;
    destroyCharts();
  };
}
