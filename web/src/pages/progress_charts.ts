// The progress page's charts: fetches what the specs need beside GET /progress (each saved plan
// version, for the mg of each drug; the instrument registry, for names and severity bands) and
// draws each chart with its table view.
import { api, personPath } from '../api';
import { h } from '../dom';
import { loadCharts } from '../charts/lazy';
import { progressDrugLines, SavedPlanVersion } from '../charts/dose_lines';
import { progressSpecs } from '../charts/progress_specs';
import { instruments } from '../instruments';
import { alignProgress, ProgressDoc } from '../progress_series';
import type { PlanVersion, PlanVersionSummary } from '../api/types';

async function savedPlans(pid: number, versions: PlanVersionSummary[]): Promise<SavedPlanVersion[] | null> {
  try {
    return await Promise.all(versions.map((v) => api.get<PlanVersion>(personPath(pid, `/plans/${v.version}`))));
  } catch {
    return null; // the dose is then shown as the diazepam-equivalent total, labelled so
  }
}

export async function renderProgressCharts(
  section: HTMLElement,
  pid: number,
  doc: ProgressDoc,
  versions: PlanVersionSummary[],
): Promise<() => void> {
  const aligned = alignProgress(doc);
  if (aligned.dates.length === 0) {
    section.append(h('p', {}, 'Nothing to show yet. Charts appear once you have a plan or a few check-ins.'));
    return () => {};
  }
  const [plans, registry, { chartFigure }] = await Promise.all([
    savedPlans(pid, versions),
    instruments().catch(() => []),
    loadCharts(),
  ]);
  const specs = progressSpecs({
    aligned,
    drugLines: plans ? progressDrugLines(aligned.dates, plans) : null,
    instruments: registry,
    cognition: doc.cognition,
  });
  section.append(
    h(
      'p',
      { class: 'hint' },
      'Dashed vertical lines mark the days the dose was cut. All charts share one time axis; gaps are days without an answer. Each chart has a table of its values below it.',
    ),
  );
  const destroyers = specs.map((spec) => chartFigure(section, spec));
  section.append(h('p', { class: 'hint' }, 'Modelled curves are estimates from a simple model, not measurements.'));
  return () => destroyers.forEach((d) => d());
}
