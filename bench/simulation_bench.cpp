// One person, 730 days, three doses a day, hourly output, two drugs (a lorazepam to diazepam
// crossover, diazepam with its nordazepam chain). Prints the time per simulated person-year.
// Goal (foundation issue): under 200 microseconds per person-year.
#include <benchmark/benchmark.h>

#include "core/dosing/dose_schedule.hpp"
#include "core/model/simulation.hpp"
#include "io/data_dir.hpp"

namespace {

using namespace taperlab;

constexpr int kDays = 730;

SimulationRequest crossover_request(const Catalog& catalog) {
  Regimen lorazepam;
  add_drug(lorazepam, parse_drug_regimen("lorazepam 1mg@07:30, 0.5mg@14:00, 1mg@21:30", catalog));
  Regimen half;  // one dose substituted by diazepam
  add_drug(half, parse_drug_regimen("lorazepam 0.5mg@14:00, 1mg@21:30", catalog));
  add_drug(half, parse_drug_regimen("diazepam 10mg@07:30", catalog));
  Regimen diazepam;
  add_drug(diazepam, parse_drug_regimen("diazepam 10mg@07:30, 5mg@14:00, 10mg@21:30", catalog));

  DoseSchedule schedule;
  schedule.steps.push_back({0, half});
  int day = 7;
  for (double level = 1.0; level > 0.05; level *= 0.9, day += 14) {
    schedule.steps.push_back({day, scaled(diazepam, level)});
  }
  schedule.steps.push_back({day, Regimen{}});

  SimulationRequest request;
  request.steady_state = lorazepam;
  request.doses = schedule.events(kDays);
  request.duration_h = kDays * 24.0;
  return request;
}

void BM_PersonTwoYearsCrossover(benchmark::State& state) {
  const Catalog catalog = io::load_catalog(TAPERLAB_BENCH_DATA_DIR);
  Simulator simulator(catalog, catalog.default_table(), ModelParameters{});
  const SimulationRequest request = crossover_request(catalog);
  SimulationTrace trace;  // reused, as a cohort run would
  for (auto _ : state) {
    simulator.run(request, trace);
    benchmark::DoNotOptimize(trace.withdrawal.data());
  }
  const double person_years = kDays / 365.25;
  state.counters["us_per_person_year"] =
      benchmark::Counter(person_years * static_cast<double>(state.iterations()) * 1e-6,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["hourly_rows"] = static_cast<double>(kDays * 24 + 1);
}
BENCHMARK(BM_PersonTwoYearsCrossover)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
