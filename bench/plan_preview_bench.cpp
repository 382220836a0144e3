// The work behind the web app's plan preview (POST .../plans/preview), without HTTP: build a
// plan for clonazepam 0.5 mg twice a day, 10% every 14 days (as bench/server/run.sh asks), then
// simulate its daily course beside an abrupt stop, and write the plan as JSON and as a table.
// Prints microseconds per part; the server
// goal (issue 5) is a p99 under 50 ms with 32 previews in flight on 2 cores.
//
// Linked with jemalloc, as taperlab is.
#include <benchmark/benchmark.h>

#include "core/journal/plan_view.hpp"
#include "core/plan/plan_series.hpp"
#include "core/plan/planner.hpp"
#include "io/data_dir.hpp"
#include "report/plan_report.hpp"

namespace {

using namespace taperlab;

PlanRequest preview_request(const Catalog& catalog) {
  PlanRequest request;
  add_drug(request.regimen, parse_drug_regimen("clonazepam 0.5mg@08:00, 0.5mg@20:00", catalog));
  // The US products cannot make this plan alone: the planner also builds the alternatives.
  request.formulations = default_formulations(catalog, {"clonazepam"}, "US");
  request.settings.country = "US";
  request.settings.strategy = "fraction";
  request.settings.cut_fraction = 0.10;
  request.settings.every_days = 14;
  request.settings.start_date = parse_civil_date("2026-11-23", "start");
  return request;
}

void BM_BuildPlan(benchmark::State& state) {
  const Catalog catalog = io::load_catalog(TAPERLAB_BENCH_DATA_DIR);
  const PlanRequest request = preview_request(catalog);
  for (auto _ : state) {
    Plan plan = build_plan(request, catalog);
    benchmark::DoNotOptimize(plan.steps.data());
  }
}
BENCHMARK(BM_BuildPlan)->Unit(benchmark::kMicrosecond);

void BM_PlanCourse(benchmark::State& state) {
  const Catalog catalog = io::load_catalog(TAPERLAB_BENCH_DATA_DIR);
  const Plan plan = build_plan(preview_request(catalog), catalog);
  for (auto _ : state) {
    PlanCourse course = plan_course(plan, catalog);
    benchmark::DoNotOptimize(course.plan.withdrawal.data());
  }
  state.counters["days"] = plan_course(plan, catalog).days;
  state.counters["steps"] = static_cast<double>(plan.steps.size());
}
BENCHMARK(BM_PlanCourse)->Unit(benchmark::kMicrosecond);

// What a preview does: the plan, then its course resumed from the planner's own simulations.
void BM_PlanAndCourseAsThePreview(benchmark::State& state) {
  const Catalog catalog = io::load_catalog(TAPERLAB_BENCH_DATA_DIR);
  const PlanRequest request = preview_request(catalog);
  PlanSimulations simulations;
  for (auto _ : state) {
    Plan plan = build_plan(request, catalog, simulations);
    PlanCourse course = plan_course(plan, catalog, simulations);
    benchmark::DoNotOptimize(course.plan.withdrawal.data());
  }
}
BENCHMARK(BM_PlanAndCourseAsThePreview)->Unit(benchmark::kMicrosecond);

// The plan as the answer carries it: JSON text written directly (core/base/json_text.hpp).
void BM_PlanJson(benchmark::State& state) {
  const Catalog catalog = io::load_catalog(TAPERLAB_BENCH_DATA_DIR);
  const Plan plan = build_plan(preview_request(catalog), catalog);
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string text = plan_document_text(plan);
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_PlanJson)->Unit(benchmark::kMicrosecond);

void BM_PlanTable(benchmark::State& state) {
  const Catalog catalog = io::load_catalog(TAPERLAB_BENCH_DATA_DIR);
  const Plan plan = build_plan(preview_request(catalog), catalog);
  for (auto _ : state) {
    const std::string table = report::plan_table(plan, catalog);
    benchmark::DoNotOptimize(table.data());
  }
}
BENCHMARK(BM_PlanTable)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::AddCustomContext("malloc", "jemalloc");
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
