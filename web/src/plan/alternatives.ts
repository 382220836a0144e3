// The preview's alternatives as cards: what to get, how long, the modelled peak and a small
// sparkline of the dose; "Use this plan" asks for that alternative. No inline styles (the
// Content-Security-Policy forbids them): classes in styles/alternatives.css.
import '../styles/alternatives.css';
import { h, uid } from '../dom';
import {
  cardText,
  endDay,
  PlanAlternative,
  reasonText,
  sharedScale,
  SparkScale,
  sparklinePath,
} from './alternatives_text';

const SVG = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

function sparkline(alt: PlanAlternative, scale: SparkScale, label: string): SVGSVGElement {
  const box = svg('svg', {
    class: 'spark',
    viewBox: `0 0 ${scale.width} ${scale.height}`,
    preserveAspectRatio: 'none',
    role: 'img',
    'aria-label': label,
    focusable: 'false',
  });
  const title = svg('title', {});
  title.textContent = label;
  box.append(title);
  box.append(
    svg('line', {
      class: 'spark-axis',
      x1: '0',
      y1: String(scale.height - 0.5),
      x2: String(scale.width),
      y2: String(scale.height - 0.5),
      'vector-effect': 'non-scaling-stroke',
    }),
  );
  box.append(
    svg('path', {
      class: 'spark-line',
      d: sparklinePath(alt.dose_by_step ?? [], scale, endDay(alt)),
      'vector-effect': 'non-scaling-stroke',
    }),
  );
  return box;
}

export interface AlternativesView {
  element: HTMLElement;
  setBusy(busy: boolean): void;
  focusChosen(): void;
}

export function renderAlternatives(
  alts: PlanAlternative[],
  reason: string,
  country: string,
  onUse: (alt: PlanAlternative) => void,
): AlternativesView {
  const scale = sharedScale(alts);
  const headingId = uid('alts');
  const buttons: HTMLButtonElement[] = [];
  let chosenHeading: HTMLElement | null = null;
  const list = h('ol', { class: 'alternatives', 'aria-labelledby': headingId });
  for (const alt of alts) {
    const text = cardText(alt, country);
    const titleId = uid('alt');
    const heading = h('h4', { id: titleId, tabindex: -1 }, text.heading);
    if (alt.chosen) chosenHeading = heading;
    let action: HTMLElement;
    if (alt.chosen) {
      action = h('p', { class: 'alt-in-use' }, 'In use: the calendar below shows this plan');
    } else {
      const use = h('button', { type: 'button', class: 'primary', 'aria-describedby': titleId }, 'Use this plan');
      use.addEventListener('click', () => onUse(alt));
      buttons.push(use);
      action = use;
    }
    list.append(
      h(
        'li',
        {
          class: alt.chosen ? 'alt-card chosen' : 'alt-card',
          'data-testid': 'alternative',
          'data-number': alt.number,
          'data-chosen': alt.chosen ? 'true' : 'false',
          'aria-current': alt.chosen ? 'true' : undefined,
        },
        h('p', { class: 'alt-kind' }, text.kind),
        heading,
        h(
          'dl',
          { class: 'alt-facts' },
          h('dt', {}, 'What to get'),
          h(
            'dd',
            {},
            h(
              'ul',
              { class: 'alt-get' },
              text.toGet.map((t) => h('li', {}, t)),
            ),
          ),
          h('dt', {}, 'How long'),
          h('dd', {}, text.length),
          h('dt', {}, 'Peak withdrawal pressure (modelled)'),
          h('dd', {}, text.peak),
        ),
        sparkline(alt, scale, text.sparkLabel),
        action,
      ),
    );
  }
  const why = reasonText(reason, country);
  const element = h(
    'section',
    { class: 'alternatives-box', 'data-testid': 'alternatives' },
    h('h3', { id: headingId }, 'Ways to make this plan'),
    h('p', {}, why.lead),
    why.why ? h('p', { class: 'hint' }, why.why) : null,
    h(
      'p',
      { class: 'hint' },
      "Peak withdrawal pressure is the model's highest point for the plan, compared with stopping all at once (never stop suddenly). The small lines show the daily dose, diazepam-equivalent, on the same scale for every option.",
    ),
    list,
  );
  return {
    element,
    setBusy(busy) {
      for (const b of buttons) b.disabled = busy;
    },
    focusChosen() {
      chosenHeading?.focus();
    },
  };
}
