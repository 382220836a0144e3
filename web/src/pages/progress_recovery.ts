// Progress after the last dose (docs/tracking.md, "After the last dose"): recovery against the person's own
// pre-taper baseline (symptom score, PHQ-9, GAD-7, memory and attention, with what the baseline
// is said in words), the model's adaptation-remaining curve with its 80% band, the recovery
// phase's symptom scores against the band the model expects, and anything that persists or
// returns beyond it, said plainly with a suggestion of professional help. GET /progress's
// "recovery" member (journal/recovery.hpp); nothing is drawn before the last dose.
import { api, personPath } from '../api';
import { h } from '../dom';
import { personId } from '../session';
import type { LineSeries } from '../charts/chart_spec';
import { drawLater } from '../charts/lazy';
import { dateToSeconds } from '../charts/time_axis';
import { directionText, formatScore, isImprovement, scoreDisplay } from '../cognition/score_display';
import { formatIsoDate } from '../charts/time_axis';
import type { Insights, Progress, Recovery, RecoveryMeasures, Schemas } from '../api/types';

type Measures = RecoveryMeasures;

export interface ComparisonRow {
  measure: string;
  baseline: string;
  since: string;
  reading: string; // "better", "worse", "about the same", or why there is no comparison
}

const pct = (share: number) => `${Math.round(share * 100)}%`;

// A questionnaire or symptom change smaller than this reads "about the same": a PHQ-9/GAD-7 change
// under 5 points is within the measurement's noise (Löwe 2004, Med Care 42:1194: 5 points is a
// clinically significant change, published; taken alike for GAD-7, assumed); for the symptom
// score, 5 points of its 100 (the status trend's margin, assumed).
const QUESTIONNAIRE_CHANGE = 5;
const SYMPTOM_CHANGE = 0.05;

function reading(before: number | null, after: number | null, margin: number): string {
  if (before === null || after === null) return 'no comparison yet';
  if (after < before - margin) return 'better';
  if (after > before + margin) return 'worse';
  return 'about the same';
}

// The table rows (pure, tested): each measure at baseline and since the last dose, lower is
// better for the symptom score and the questionnaires; memory and attention tests in their own
// units and direction, compared only on the same device.
export function comparisonRows(doc: Pick<Recovery, 'baseline' | 'since_last_dose'>): ComparisonRow[] {
  const b = doc.baseline.values;
  const s = doc.since_last_dose.values;
  const rows: ComparisonRow[] = [];
  const share = (m: Measures) =>
    m.symptom_share === null ? '—' : `${pct(m.symptom_share)} (${m.check_ins} check-ins)`;
  rows.push({
    measure: 'Symptom score (share of the checklist maximum; lower is better)',
    baseline: share(b),
    since: share(s),
    reading: reading(b.symptom_share, s.symptom_share, SYMPTOM_CHANGE),
  });
  const answer = (q: Measures['phq9']) => (q ? `${q.total} (${formatIsoDate(q.date)})` : '—');
  rows.push({
    measure: 'PHQ-9, mood (0-27; lower is better)',
    baseline: answer(b.phq9),
    since: answer(s.phq9),
    reading: reading(b.phq9?.total ?? null, s.phq9?.total ?? null, QUESTIONNAIRE_CHANGE - 1),
  });
  rows.push({
    measure: 'GAD-7, anxiety (0-21; lower is better)',
    baseline: answer(b.gad7),
    since: answer(s.gad7),
    reading: reading(b.gad7?.total ?? null, s.gad7?.total ?? null, QUESTIONNAIRE_CHANGE - 1),
  });
  for (const base of b.cognition) {
    const d = scoreDisplay(base.test_id);
    const now = s.cognition.find((c) => c.test_id === base.test_id && c.device === base.device);
    const better = now ? isImprovement(base.test_id, base.score, now.score) : null;
    rows.push({
      measure: `${d.name} on ${base.device} (${directionText(d.direction)})`,
      baseline: formatScore(base.test_id, base.score),
      since: now ? `${formatScore(base.test_id, now.score)} (${formatIsoDate(now.date)})` : '—',
      reading: !now ? 'no session since the last dose' : better === null ? 'the same' : better ? 'better' : 'lower',
    });
  }
  return rows;
}

function comparisonTable(rows: ComparisonRow[]): HTMLTableElement {
  return h(
    'table',
    { class: 'data-table recovery-table', 'data-testid': 'recovery-baseline' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Measure'),
        h('th', { scope: 'col' }, 'Your baseline'),
        h('th', { scope: 'col' }, 'Since the last dose'),
        h('th', { scope: 'col' }, 'Reading'),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, r.measure),
          h('td', {}, r.baseline),
          h('td', {}, r.since),
          h('td', {}, r.reading),
        ),
      ),
    ),
  );
}

type RecoveryTrend = Pick<
  Schemas['Trend'],
  'measure' | 'scale' | 'n' | 'min_points' | 'direction' | 'slope_per_week' | 'ci95_per_week'
>;

const MEASURE_NAMES: Record<RecoveryTrend['measure'], string> = {
  symptoms: 'Symptom score',
  sleep_quality: 'Sleep quality',
  sleep_time: 'Sleep time',
  awakenings: 'Awakenings',
  mood: 'Mood',
  phq9: 'PHQ-9',
  gad7: 'GAD-7',
  cognitive: 'Memory and attention',
};

// One line per measure, over the recovery days only (pure, tested).
export function trendLine(t: RecoveryTrend): string {
  const name = `${MEASURE_NAMES[t.measure]} (${t.scale})`;
  if (t.direction === 'not_enough_data' || t.slope_per_week === null)
    return `${name}: not enough data yet (${t.n} of ${t.min_points} values).`;
  const slope = Math.round(t.slope_per_week * 100) / 100;
  const words = t.direction === 'rising' ? 'rising' : t.direction === 'falling' ? 'falling' : 'no clear change';
  const ci = t.ci95_per_week
    ? `, 95% CI ${Math.round(t.ci95_per_week[0] * 100) / 100} to ${Math.round(t.ci95_per_week[1] * 100) / 100}`
    : '';
  return `${name}: ${words}, ${slope} a week${ci}, from ${t.n} values.`;
}

// The recovery phase's own trends (GET /insights, "recovery"), filled in when they arrive.
function renderRecoveryTrends(box: HTMLElement): void {
  api
    .get<Insights>(personPath(personId(), '/insights'))
    .then((doc) => {
      // Only after the last dose.
      const r = doc.recovery;
      if (!r) return;
      box.append(
        h('h3', {}, 'Trends since your last dose'),
        h(
          'p',
          { class: 'hint' },
          `Recovery days only (${formatIsoDate(r.from)} to ${formatIsoDate(r.to)}), so the taper's ups and downs do not mix in. "Rising" or "falling" only when the 95% interval excludes no change.`,
        ),
        h(
          'ul',
          { class: 'plain-list', 'data-testid': 'recovery-trends' },
          r.trends.map((t) => h('li', {}, trendLine(t))),
        ),
      );
    })
    .catch(() => {});
}

// Draws the recovery section into `parent` when the journal is in recovery; returns the charts'
// destroyer.
export function renderRecoveryProgress(parent: HTMLElement, doc: Progress): () => void {
  const r = doc.recovery;
  if (!r) return () => {};
  const t = r.today;
  const section = h('section', {
    class: 'recovery-progress',
    'aria-labelledby': 'recovery-title',
    'data-testid': 'recovery-progress',
  });
  parent.append(section);
  section.append(
    h('h2', { id: 'recovery-title' }, 'Since your last dose'),
    h(
      'p',
      { class: 'lead' },
      `${t.days_since_last_dose} days (${t.weeks_since_last_dose} weeks) since your last dose on ${formatIsoDate(t.last_dose_date)}.`,
    ),
  );
  if (r.concerns.length) {
    section.append(
      h(
        'div',
        { class: 'card notice', role: 'status', 'data-testid': 'recovery-concerns' },
        h('h3', {}, 'Please talk to a clinician'),
        r.concerns.map((c) => h('p', {}, c.message)),
        h('p', {}, h('strong', {}, r.help)),
      ),
    );
  }
  section.append(
    h('h3', {}, 'Against your own baseline'),
    h('p', { class: 'hint' }, r.baseline.description),
    h('p', { class: 'hint' }, r.since_last_dose.description),
    comparisonTable(comparisonRows(r)),
    h(
      'p',
      { class: 'hint' },
      'Many people improve over 6 to 12 months after stopping, not always fully or evenly (Barker 2004; Crowe and Stranks 2018). Memory and attention are compared only on the same device.',
    ),
  );
  const trends = h('div', { class: 'recovery-trends' });
  section.append(trends);
  renderRecoveryTrends(trends);

  const curve = r.model.curve;
  if (!curve.length) return () => {};
  const figures = h('div', { class: 'recovery-charts' });
  section.append(figures);
  const destroy = drawLater(figures, ({ chartFigure }) => {
    const destroyers: (() => void)[] = [];
    const x = curve.map((d) => dateToSeconds(d.date));
    const today = dateToSeconds(r.today.last_dose_date) + t.days_since_last_dose * 86400;
    const pctSeries = (label: string, values: number[], color: string, dash?: number[]): LineSeries => ({
      label,
      values: values.map((v) => Math.round(v * 1000) / 10),
      color,
      dash,
      decimals: 1,
    });
    const band = Math.round(r.model.band * 100);
    destroyers.push(
      chartFigure(figures, {
        title: 'Modelled adaptation still to unwind after the last dose',
        x,
        time: true,
        yLabel: '% of the adapted state',
        unit: '%',
        direction: 'lower',
        markers: [today],
        series: [
          pctSeries(
            'Expected (median)',
            curve.map((d) => d.adaptation_remaining.median),
            '#4a6fa5',
          ),
          pctSeries(
            `${band}% band, upper`,
            curve.map((d) => d.adaptation_remaining.high),
            '#8aa4c8',
            [5, 4],
          ),
          pctSeries(
            `${band}% band, lower`,
            curve.map((d) => d.adaptation_remaining.low),
            '#8aa4c8',
            [5, 4],
          ),
        ],
      }),
    );
    // The person's own scores since the last dose against the band the model expects.
    const upTo = curve.filter((d) => dateToSeconds(d.date) <= today);
    const shares = new Map(doc.days.map((d) => [d.date, d.symptom_share]));
    const yours = upTo.map((d) => {
      const v = shares.get(d.date);
      return v === null || v === undefined ? null : Math.round(v * 1000) / 10;
    });
    if (yours.some((v) => v !== null)) {
      destroyers.push(
        chartFigure(figures, {
          title: 'Your symptom score since the last dose, and what the model expects',
          x: upTo.map((d) => dateToSeconds(d.date)),
          time: true,
          yLabel: '% of max',
          unit: '% of the checklist maximum',
          direction: 'lower',
          yRange: [0, 100],
          series: [
            { label: 'Your symptom score', values: yours, color: '#b5651d', points: true, decimals: 1 },
            pctSeries(
              `Expected, ${band}% band upper`,
              upTo.map((d) => d.symptom_share.high),
              '#6b6b6b',
              [5, 4],
            ),
            pctSeries(
              'Expected (median)',
              upTo.map((d) => d.symptom_share.median),
              '#6b6b6b',
            ),
          ],
        }),
      );
    }
    return destroyers;
  });
  section.append(
    h(
      'p',
      { class: 'hint' },
      `Dashed lines: the ${Math.round(r.model.band * 100)}% band. The vertical line marks today. ${r.model.note}`,
    ),
  );
  return destroy;
}
