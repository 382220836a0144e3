// Issue 21's reference case: 100,000 virtual people, diazepam 20 mg/day in two doses cut 10% every
// 2 weeks, 365 days on the hourly grid, reduced to daily values per person and handed to a sink
// per thread. Prints wall time on 1 and 2 threads, person-days per second per core, microseconds
// per person-day per core and peak RSS, with the daily bands of CohortSummary as the sinks; then a
// 1,000,000-person run's peak RSS, and the single-person Simulator run person by person (the
// baseline) on a sample. Each measured run is a child process of its own, so that each peak RSS is
// that run's.
//
//   build/release/bench/cohort/taperlab_bench_cohort [--people N] [--days D] [--baseline N]
//                                                      [--million N] [--threads T,T,...]
//                                                      [--sink summary|count]
//
// Goals (issue 21): the reference case under 5 s on 2 cores (< 0.27 us per person-day per core),
// under 500 MB for 1,000,000 people.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/cohort/cohort_engine.hpp"
#include "core/cohort/cohort_summary.hpp"
#include "core/cohort/run_cohort.hpp"
#include "core/cohort/simulator_cohort.hpp"
#include "core/dosing/dose_schedule.hpp"
#include "io/data_dir.hpp"
#include "io/population_load.hpp"

namespace {

using namespace taperlab;
using namespace taperlab::cohort;

// A trivial summary: people, days whose peak W passed 0.05, and sums, so the work is not dead.
class CountingSink : public CohortSink {
 public:
  void add(const PersonCourse& p) override {
    ++people;
    for (std::size_t d = 0; d < p.withdrawal_peak.size(); ++d) {
      days_above += p.withdrawal_peak[d] > 0.05 ? 1 : 0;
      sum += p.effect_mean[d] + p.remaining[d];
    }
  }
  std::uint64_t people = 0;
  std::uint64_t days_above = 0;
  double sum = 0.0;
};

SimulationRequest reference_plan(const Catalog& catalog, int days) {
  Regimen start;
  add_drug(start, parse_drug_regimen("diazepam 10mg@08:00, 10mg@20:00", catalog));
  SimulationRequest request;
  request.steady_state = start;
  request.doses = fraction_taper(start, 0.10, 14, 0.05).events(days);
  request.duration_h = days * 24.0;
  return request;
}

// CPU seconds this process has used (all threads): on a loaded machine, wall time overstates the
// cost per core, CPU time does not (much).
double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // kB on Linux
}

struct Options {
  std::uint64_t people = 100000;
  int days = 365;
  std::uint64_t baseline = 1000;
  std::uint64_t million = 1000000;
  std::vector<std::size_t> threads{1, 2};
  bool summary = true;  // --sink summary (CohortSummary: daily bands, merged) or count
};

// Runs in a child process and prints one line.
void measure_engine(const Options& o, std::uint64_t people, std::size_t threads) {
  const Catalog catalog = io::load_catalog(TAPERLAB_BENCH_DATA_DIR);
  CohortRequest request;
  request.plan = reference_plan(catalog, o.days);
  request.population = io::load_population(TAPERLAB_BENCH_DATA_DIR);
  request.n = people;
  request.count = people;
  request.seed = 2026;
  // Daily bands as `taperlab cohort` keeps them (CohortSummary, one per thread, merged after),
  // or a trivial counting sink.
  std::vector<CountingSink> counters(threads);
  std::vector<CohortSummary> summaries;
  std::vector<CohortSink*> pointers;
  for (std::size_t i = 0; i < threads; ++i) {
    if (o.summary) {
      summaries.emplace_back(o.days, 0.05);
    } else {
      pointers.push_back(&counters[i]);
    }
  }
  for (auto& s : summaries) pointers.push_back(&s);
  const double cpu_start = cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  run_cohort(catalog, catalog.default_table(), ModelParameters{}, request, pointers);
  for (std::size_t i = 1; i < summaries.size(); ++i) summaries[0].merge(summaries[i]);
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = cpu_seconds() - cpu_start;
  std::uint64_t counted = 0;
  std::uint64_t above = 0;
  if (o.summary) {
    counted = summaries[0].people();
    above = summaries[0].people_above();
  } else {
    for (const auto& c : counters) {
      counted += c.people;
      above += c.days_above;
    }
  }
  const double person_days = static_cast<double>(people) * o.days;
  const double per_core = person_days / wall / static_cast<double>(threads);
  std::printf(
      "engine     people %8llu  threads %zu  wall %7.3f s  %6.2f M person-days/s/core  "
      "%.4f us/person-day/core  CPU %.4f us/person-day  peak RSS %6.1f MB  (%s W>0.05: "
      "%llu)\n",
      static_cast<unsigned long long>(counted), threads, wall, per_core * 1e-6, 1e6 / per_core,
      cpu / person_days * 1e6, peak_rss_mb(), o.summary ? "people with a day" : "days",
      static_cast<unsigned long long>(above));
}

void measure_simulator(const Options& o) {
  const Catalog catalog = io::load_catalog(TAPERLAB_BENCH_DATA_DIR);
  const SimulationRequest plan = reference_plan(catalog, o.days);
  const Population population = io::load_population(TAPERLAB_BENCH_DATA_DIR);
  SimulatorCohort reference(catalog, catalog.default_table(), ModelParameters{}, plan, population,
                            2026);
  CountingSink sink;
  const double cpu_start = cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  reference.run(0, o.baseline, sink);
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = cpu_seconds() - cpu_start;
  const double person_days = static_cast<double>(o.baseline) * o.days;
  std::printf(
      "simulator  people %8llu  threads 1  wall %7.3f s  %6.2f M person-days/s/core  "
      "%.4f us/person-day/core  CPU %.4f us/person-day  (the Simulator per person, its trace "
      "reduced to days)\n",
      static_cast<unsigned long long>(o.baseline), wall, person_days / wall * 1e-6,
      wall / person_days * 1e6, cpu / person_days * 1e6);
}

template <class F>
void in_child(F&& f) {
  std::fflush(stdout);
  const pid_t pid = fork();
  if (pid == 0) {
    f();
    std::fflush(stdout);
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) std::printf("(run failed)\n");
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--people") o.people = std::strtoull(value, nullptr, 10);
    if (flag == "--days") o.days = std::atoi(value);
    if (flag == "--sink") o.summary = std::string(value) != "count";
    if (flag == "--baseline") o.baseline = std::strtoull(value, nullptr, 10);
    if (flag == "--million") o.million = std::strtoull(value, nullptr, 10);
    if (flag == "--threads") {
      o.threads.clear();
      for (const char* p = value; *p != '\0';) {
        char* end = nullptr;
        o.threads.push_back(std::strtoull(p, &end, 10));
        p = *end == ',' ? end + 1 : end;
      }
    }
  }
  double load[3] = {0, 0, 0};
  getloadavg(load, 3);
  std::printf(
      "cohort reference case: diazepam 20 mg/day in two doses, -10%% every 2 weeks, %d days, "
      "hourly grid, daily values; %s sinks; %s path; load average %.2f %.2f %.2f on %ld CPUs\n",
      o.days, o.summary ? "CohortSummary (daily bands)" : "counting",
      CohortEngine::uses_avx2() ? "AVX2" : "portable", load[0], load[1], load[2],
      sysconf(_SC_NPROCESSORS_ONLN));
  for (std::size_t t : o.threads) in_child([&] { measure_engine(o, o.people, t); });
  if (o.million > 0) {
    const std::size_t t = o.threads.empty() ? 2 : o.threads.back();
    in_child([&] { measure_engine(o, o.million, t); });
  }
  if (o.baseline > 0) in_child([&] { measure_simulator(o); });
  return 0;
}
