// Timings that the unit and journal tests used to assert (a loaded or sanitized build made them
// fail for no fault of the code); they are measured here instead and compared by eye with the
// figures in docs/performance.md:
//   - the forecast: 365 days x 200 draws at 1 h, from a personal fit (goal: under 1 s);
//   - the personal fit: 112 days of check-ins on a 25% taper;
//   - make_dose: one dose made up from the default diazepam and clonazepam products;
//   - the demo journal: two months of Alex's journal written to a fresh SQLite file, which the
//     server loads at start-up (goal: not felt, about 2 s).
// The setups are those of tests/unit/core/adapt/forecast_test.cpp, personal_model_test.cpp,
// tests/unit/core/plan/dose_makeup_test.cpp and tests/integration/journal/demo_test.cpp.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "core/adapt/forecast.hpp"
#include "core/adapt/personal_model.hpp"
#include "core/adapt/synthetic_person.hpp"
#include "core/dosing/dose_schedule.hpp"
#include "core/plan/dose_makeup.hpp"
#include "core/plan/formulation_set.hpp"
#include "io/data_dir.hpp"
#include "io/instruments_load.hpp"
#include "journal/demo.hpp"
#include "journal/journal_context.hpp"
#include "store/sqlite/open.hpp"

namespace {

using namespace taperlab;

const Catalog& shipped_catalog() {
  static const Catalog catalog = io::load_catalog(TAPERLAB_BENCH_DATA_DIR);
  return catalog;
}

// Clonazepam 0.5 mg twice a day, cut by `cut` of the current dose every 14 days.
SimulationRequest clonazepam_taper(double cut, int days) {
  const Regimen start{
      {DrugRegimen{"clonazepam", {{0.5, TimeOfDay{8 * 60}}, {0.5, TimeOfDay{20 * 60}}}}}};
  SimulationRequest req;
  req.steady_state = start;
  req.doses = fraction_taper(start, cut, 14, 0.05).events(days);
  req.duration_h = days * 24.0;
  return req;
}

// The synthetic person of the adapt tests: fast 3 d, slow 45 d, D50 25 mg/day, s0 8%, s1 15.
adapt::SyntheticPerson true_person() {
  adapt::SyntheticPerson p;
  p.model.adaptation.fast_half_time_d = 3.0;
  p.model.adaptation.slow_half_time_d = 45.0;
  p.model.effect.d50_mg_per_day = 25.0;
  p.s0 = 0.08;
  p.s1 = 15.0;
  p.noise_sd = 0.03;
  return p;
}

adapt::PersonalFit fit_of(std::uint64_t seed, int days) {
  const Catalog& catalog = shipped_catalog();
  std::mt19937_64 rng(seed);
  const SimulationRequest taken = clonazepam_taper(0.25, days);
  const adapt::SyntheticJournal j =
      adapt::synthetic_journal(catalog, catalog.default_table(), taken, true_person(), rng);
  return adapt::fit_personal_model(catalog, catalog.default_table(), taken, j.observations);
}

void BM_PersonalFit112Days(benchmark::State& state) {
  std::uint64_t seed = 1;
  for (auto _ : state) {
    adapt::PersonalFit f = fit_of(seed, 112);
    benchmark::DoNotOptimize(f);
    seed = seed % 10 + 1;  // the unit test's ten seeds
  }
  state.SetLabel("one fit of 112 check-ins");
}
BENCHMARK(BM_PersonalFit112Days)->Unit(benchmark::kMillisecond);

void BM_ForecastYear200Draws(benchmark::State& state) {
  const Catalog& catalog = shipped_catalog();
  const adapt::PersonalFit fit = fit_of(3, 112);
  const SimulationRequest year = clonazepam_taper(0.25, 365);
  std::mt19937_64 rng(11);
  for (auto _ : state) {
    adapt::Forecast f = adapt::forecast(catalog, catalog.default_table(), fit, year, rng);
    if (f.days.size() != 365) state.SkipWithError("the forecast does not cover 365 days");
    benchmark::DoNotOptimize(f);
  }
  state.SetLabel("365 days x 200 draws at 1 h (goal: under 1000 ms)");
}
BENCHMARK(BM_ForecastYear200Draws)->Unit(benchmark::kMillisecond);

void BM_MakeDose(benchmark::State& state) {
  const FormulationSet set = default_formulations(shipped_catalog(), {"diazepam", "clonazepam"});
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> target(0.0, 20.0);
  int i = 0;
  for (auto _ : state) {
    const double t = target(rng);
    auto m = make_dose(++i % 2 ? "diazepam" : "clonazepam", t, t * 1.05, set);
    benchmark::DoNotOptimize(m);
  }
  state.SetLabel("default diazepam and clonazepam formulations");
}
BENCHMARK(BM_MakeDose)->Unit(benchmark::kMicrosecond);

void BM_LoadDemoJournal(benchmark::State& state) {
  const Catalog& catalog = shipped_catalog();
  const InstrumentRegistry instruments = io::load_instruments(TAPERLAB_BENCH_DATA_DIR);
  const CrisisDirectory crisis = io::load_crisis_directory(TAPERLAB_BENCH_DATA_DIR);
  const CivilDate today = parse_civil_date("2026-03-01", "today");
  for (auto _ : state) {
    state.PauseTiming();
    std::string pattern = (std::filesystem::temp_directory_path() / "taperlab-bench-XXXXXX");
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    const std::filesystem::path folder = pattern;
    state.ResumeTiming();
    {
      auto repo = store::open_sqlite_repository(folder / "journal.db");
      const journal::JournalContext ctx{catalog, instruments, crisis,
                                        *repo,   today,       "2026-03-01T09:00:00Z"};
      Person person = journal::load_demo_person(ctx, "Alex");
      benchmark::DoNotOptimize(person);
    }
    state.PauseTiming();
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
    state.ResumeTiming();
  }
  state.SetLabel("two months of journal into a new SQLite file (goal: about 2 s)");
}
BENCHMARK(BM_LoadDemoJournal)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
