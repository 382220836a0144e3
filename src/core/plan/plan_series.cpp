#include "core/plan/plan_series.hpp"

#include <algorithm>
#include <limits>

#include "core/model/daily_course.hpp"
#include "core/model/simulation.hpp"

namespace taperlab {
namespace {

DailyCourse daily_course(const SimulationTrace& trace, std::vector<double> dose_de_mg) {
  DailyCourse course = daily_means(trace);
  course.diazepam_equivalent_mg = std::move(dose_de_mg);
  course.diazepam_equivalent_mg.resize(static_cast<std::size_t>(course.days()));
  return course;
}

PlanCourse course_of(const Plan& plan, const Catalog& catalog, int tail_days,
                     PlanSimulations& traces) {
  const EquivalenceTable& table = catalog.table(plan.settings.table_id);
  Simulator simulator(catalog, table, plan.settings.model);
  PlanCourse out;
  out.days = plan.total_days() + std::max(1, tail_days);

  SimulationRequest request;
  request.steady_state = plan.start_regimen;
  request.doses = plan.schedule().events(out.days);
  request.duration_h = out.days * 24.0;
  request.output_step_h = 1.0;

  std::vector<double> planned(static_cast<std::size_t>(out.days), 0.0);
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const TaperStep& step = plan.steps[i];
    const int end = i + 1 < plan.steps.size() ? plan.steps[i + 1].start_day : out.days;
    for (int d = std::max(0, step.start_day); d < std::min(end, out.days); ++d) {
      planned[static_cast<std::size_t>(d)] = step.diazepam_equivalent_mg;
    }
  }
  simulator.run(request, traces.plan, first_difference_h(request.doses, traces.plan_doses));
  out.plan = daily_course(traces.plan, std::move(planned));

  if (traces.known_abrupt && traces.known_abrupt->course.days() >= out.days) {
    // A run is causal: the first days of a longer run are those of a run of just these days.
    out.abrupt = traces.known_abrupt->course.first_days(out.days);
    return out;
  }
  request.doses.clear();  // nothing taken from day 0
  // An abrupt stop shares everything with the planner's shorter one (when there was one).
  simulator.run(request, traces.abrupt, std::numeric_limits<double>::infinity());
  out.abrupt =
      daily_course(traces.abrupt, std::vector<double>(static_cast<std::size_t>(out.days), 0.0));
  return out;
}

}  // namespace

PlanCourse plan_course(const Plan& plan, const Catalog& catalog, int tail_days) {
  // Empty traces: both runs are whole; the second reuses nothing of the first.
  PlanSimulations none;
  return course_of(plan, catalog, tail_days, none);
}

PlanCourse plan_course(const Plan& plan, const Catalog& catalog, PlanSimulations& from_planner,
                       int tail_days) {
  return course_of(plan, catalog, tail_days, from_planner);
}

}  // namespace taperlab
