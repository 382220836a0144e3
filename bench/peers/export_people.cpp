// bench/peers/: writes the cohort the peer solvers run (people.csv: every parameter of each person,
// and that person's state at day 0), the dose events they take (doses.csv), taperlab's own hourly
// trajectories of those people (taperlab_hourly.f64, the Simulator's; taperlab_fine.f64, the same
// on a 1/K h grid sampled hourly), the cohort engine's daily values of the same people
// (taperlab_engine_days.f64) and taperlab's times (taperlab.txt). Usage:
//   taperlab_bench_peers_export --out DIR [--n N] [--days D] [--fine K] [--seed S] [--threads T]
//                               [--min-cpu SECONDS] [--engine fast|simulator] [--cut F]
//                               [--data DIR]
// The people: persons 0..N-1 of data/population/adults.json drawn with seed S (default 2026, as
// bench/cohort). The plan, bench/cohort's reference case: diazepam 20 mg/day in two doses (08:00,
// 20:00) taken for months, then cut by 10% (--cut) of the current dose every 14 days
// (fraction_taper, first cut on day 0), D days. The engine (run_cohort on T threads, default 2)
// runs the same people again until it has used --min-cpu seconds of CPU (default 2); --engine
// simulator times run_cohort_with_simulator instead (the Simulator person by person, one thread).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/cohort/cohort_engine.hpp"
#include "core/cohort/run_cohort.hpp"
#include "core/cohort/sampler.hpp"
#include "core/cohort/simulator_cohort.hpp"
#include "core/dosing/dose_schedule.hpp"
#include "core/drugs/catalog.hpp"
#include "core/model/pk_system.hpp"
#include "core/model/potency.hpp"
#include "core/model/simulation.hpp"
#include "io/data_dir.hpp"
#include "io/population_load.hpp"

namespace {

using namespace taperlab;

struct Options {
  std::filesystem::path out;
  std::filesystem::path data = TAPERLAB_BENCH_DATA_DIR;
  std::uint64_t n = 200;
  int days = 365;
  int fine = 0;
  double cut = 0.10;
  std::uint64_t seed = 2026;  // bench/cohort's seed
  std::size_t threads = 2;
  double min_cpu_s = 2.0;  // the engine runs the cohort again until it has used this much CPU
  bool simulator_engine = false;  // --engine simulator: run_cohort_with_simulator, one thread
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return argv[++i];
    };
    if (a == "--out") {
      o.out = value();
    } else if (a == "--data") {
      o.data = value();
    } else if (a == "--n") {
      o.n = std::stoull(value());
    } else if (a == "--days") {
      o.days = std::stoi(value());
    } else if (a == "--seed") {
      o.seed = std::stoull(value());
    } else if (a == "--threads") {
      o.threads = std::stoul(value());
    } else if (a == "--min-cpu") {
      o.min_cpu_s = std::stod(value());
    } else if (a == "--engine") {
      const std::string engine = value();
      if (engine != "fast" && engine != "simulator") {
        throw std::invalid_argument("--engine is fast or simulator");
      }
      o.simulator_engine = engine == "simulator";
    } else if (a == "--cut") {
      o.cut = std::stod(value());
    } else if (a == "--fine") {
      o.fine = std::stoi(value());
    } else {
      throw std::invalid_argument("unknown argument " + a);
    }
  }
  if (o.out.empty()) throw std::invalid_argument("--out DIR is required");
  if (o.threads == 0) throw std::invalid_argument("--threads must be at least 1");
  return o;
}

Regimen reference_regimen() {
  return Regimen{
      {DrugRegimen{"diazepam", {{10.0, TimeOfDay{8 * 60}}, {10.0, TimeOfDay{20 * 60}}}}}};
}

// One person of the cohort: the drug as that person handles it and the model's parameters.
struct Person {
  Drug drug;
  ModelParameters params;
};

// The people of the cohort: person k of the adults population drawn with `seed`
// (cohort::sample_person), in the Simulator's terms (cohort::simulator_person), as the cohort
// engine and its Simulator reference draw them.
std::vector<Person> people(const Catalog& catalog, const cohort::Population& population,
                           std::uint64_t seed, std::uint64_t n) {
  Drug diazepam = catalog.drug("diazepam");
  diazepam.formulations.clear();
  const std::vector<Drug> drugs{diazepam};
  std::vector<Person> out;
  out.reserve(n);
  for (std::uint64_t k = 0; k < n; ++k) {
    cohort::SimulatorPerson p = cohort::simulator_person(
        drugs, ModelParameters{}, cohort::sample_person(population, seed, k));
    out.push_back({std::move(p.drugs.front()), p.parameters});
  }
  return out;
}

// Keeps each person's daily values from the engine, by person index (people on other threads
// write other rows).
class KeepingSink : public cohort::CohortSink {
 public:
  KeepingSink(std::vector<double>& days, std::size_t per_person) : days_(&days), per_(per_person) {}
  void add(const cohort::PersonCourse& p) override {
    double* row = days_->data() + p.person_index * per_;
    for (std::size_t d = 0; d < p.withdrawal_peak.size(); ++d) {
      row[3 * d] = p.withdrawal_peak[d];
      row[3 * d + 1] = p.effect_mean[d];
      row[3 * d + 2] = p.remaining[d];
    }
  }

 private:
  std::vector<double>* days_;
  std::size_t per_;
};

// The columns of one hourly row: W, E, R, then each species' concentration (mg/L).
constexpr std::size_t kFixedColumns = 3;

void append_hourly(const SimulationTrace& trace, std::size_t every, std::vector<double>& out) {
  const std::size_t ns = trace.species.size();
  for (std::size_t row = 0; row < trace.rows(); row += every) {
    out.push_back(trace.withdrawal[row]);
    out.push_back(trace.effect[row]);
    out.push_back(trace.adaptation_remaining[row]);
    for (std::size_t s = 0; s < ns; ++s) out.push_back(trace.concentration(row, s));
  }
}

// CPU seconds of the whole process (all its threads): time per core, whatever the load.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

void write_binary(const std::filesystem::path& path, std::span<const double> values) {
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char*>(values.data()),
          static_cast<std::streamsize>(values.size_bytes()));
  if (!f) throw std::runtime_error("cannot write " + path.string());
}

int run(const Options& o) {
  std::filesystem::create_directories(o.out);
  const Catalog shipped = io::load_catalog(o.data);
  const EquivalenceTable& table = shipped.default_table();
  const cohort::Population population = io::load_population(o.data);
  const std::vector<Person> cohort = people(shipped, population, o.seed, o.n);

  SimulationRequest request;
  request.steady_state = reference_regimen();  // as bench/cohort's reference_plan
  request.doses = fraction_taper(request.steady_state, o.cut, 14, 0.05).events(o.days);
  request.duration_h = o.days * 24.0;

  {
    std::ofstream doses(o.out / "doses.csv");
    doses << "t_h,dose_mg\n";
    doses.precision(17);
    for (const auto& e : request.doses) doses << e.t_h << ',' << e.dose_mg << '\n';
  }

  std::ofstream csv(o.out / "people.csv");
  csv.precision(17);
  std::vector<double> hourly;
  std::vector<double> fine;
  std::size_t n_pk = 0;
  std::vector<std::string> species;
  double seconds = 0.0;
  SimulationTrace trace;  // reused, as a cohort run would
  for (std::uint64_t k = 0; k < cohort.size(); ++k) {
    const Person& p = cohort[k];
    // Timed: everything a person costs, their own matrix exponentials included.
    const double start = cpu_seconds();
    const Catalog catalog({p.drug}, shipped.tables());
    Simulator simulator(catalog, table, p.params);
    simulator.run(request, trace);
    seconds += cpu_seconds() - start;
    const PkSystem pk(p.drug);
    const DrugPotency potency = solve_potency(p.drug, pk, table);
    append_hourly(trace, 1, hourly);
    SimulationTrace fine_trace;
    if (o.fine > 0) {
      SimulationRequest fine_request = request;
      fine_request.output_step_h = 1.0 / o.fine;
      simulator.run(fine_request, fine_trace);
      append_hourly(fine_trace, static_cast<std::size_t>(o.fine), fine);
    }
    // The state at day 0: the regimen's periodic steady state as the simulator saved it, from the
    // finer run when there is one (the adaptation pools' steady state carries the step's error).
    const TraceColumn& day0 = o.fine > 0 ? fine_trace.resume_state : trace.resume_state;

    const std::size_t n = pk.size();
    if (k == 0) {
      n_pk = n;
      species = trace.species;
      csv << "person,n_pk,F,ka,lag_h";
      for (std::size_t s = 1; s < n; ++s) csv << ",cl_" << s << ",v_" << s << ",w_" << s;
      for (std::size_t s = 2; s < n; ++s) csv << ",precursor_" << s << ",fm_" << s;
      csv << ",u50,hill,k_fast_per_h,k_slow_per_h,w_fast,w_slow";
      for (std::size_t s = 0; s < n + 2; ++s) csv << ",y0_" << s;
      csv << '\n';
    }
    if (n != n_pk) throw std::runtime_error("every person must have the same PK chain");
    csv << k << ',' << n << ',' << pk.bioavailability() << ',' << -pk.rate(0, 0) << ','
        << pk.lag_h();
    for (std::size_t s = 1; s < n; ++s) {
      csv << ',' << pk.clearance_l_per_h(s) << ',' << pk.volume_l(s) << ',' << potency.weight[s];
    }
    for (std::size_t s = 2; s < n; ++s) {
      // The precursor and fm, read back from the rate matrix: M[s][q] = fm_s CL_q / V_q.
      std::size_t q = 1;
      for (std::size_t j = 1; j < s; ++j) {
        if (pk.rate(s, j) != 0.0) q = j;
      }
      const double fm = pk.rate(s, q) * pk.volume_l(q) / pk.clearance_l_per_h(q);
      csv << ',' << q << ',' << fm;
    }
    const AdaptationParameters& a = p.params.adaptation;
    csv << ',' << p.params.effect.u50() << ',' << p.params.effect.hill_n << ',' << a.k_fast_per_h()
        << ',' << a.k_slow_per_h() << ',' << a.w_fast() << ',' << a.w_slow;
    for (std::size_t s = 0; s < n + 2; ++s) csv << ',' << day0[s];
    csv << '\n';
  }
  write_binary(o.out / "taperlab_hourly.f64", hourly);
  if (o.fine > 0) write_binary(o.out / "taperlab_fine.f64", fine);

  const double person_days = static_cast<double>(cohort.size()) * o.days;

  // The cohort engine on the same people: run again until it has used min_cpu_s of CPU, each run
  // timed in CPU seconds of the process (all threads) and in wall seconds.
  cohort::CohortRequest engine_request;
  engine_request.plan = request;
  engine_request.population = population;
  engine_request.n = o.n;
  engine_request.count = o.n;
  engine_request.seed = o.seed;
  const std::size_t days = cohort::cohort_days(request);
  std::vector<double> engine_days(o.n * days * 3, 0.0);
  std::vector<KeepingSink> sinks(o.threads, KeepingSink(engine_days, days * 3));
  std::vector<cohort::CohortSink*> pointers;
  for (auto& sink : sinks) pointers.push_back(&sink);
  double engine_cpu = 0.0;
  double engine_wall = 0.0;
  int runs = 0;
  while (runs < 3 || engine_cpu < o.min_cpu_s) {
    const double cpu0 = cpu_seconds();
    const auto wall0 = std::chrono::steady_clock::now();
    if (o.simulator_engine) {
      cohort::run_cohort_with_simulator(shipped, table, ModelParameters{}, engine_request,
                                        *pointers.front());
    } else {
      cohort::run_cohort(shipped, table, ModelParameters{}, engine_request, pointers);
    }
    engine_wall += std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    engine_cpu += cpu_seconds() - cpu0;
    ++runs;
  }
  write_binary(o.out / "taperlab_engine_days.f64", engine_days);
  const double engine_person_days = person_days * runs;
  std::ofstream timing(o.out / "taperlab.txt");
  timing << "people " << cohort.size() << "\ndays " << o.days << "\nrows " << o.days * 24 + 1
         << "\ncolumns " << kFixedColumns + n_pk - 1 << "\nnames W E R";
  for (const auto& name : species) timing << " C_" << name;
  const std::size_t threads = o.simulator_engine ? 1 : o.threads;
  timing << "\ndays_reported " << days << "\ntaperlab_engine "
         << (o.simulator_engine                  ? "run_cohort_with_simulator"
             : cohort::CohortEngine::uses_avx2() ? "run_cohort AVX2"
                                                 : "run_cohort portable")
         << "\ntaperlab_threads " << threads << "\ntaperlab_cpu_us_per_person_day "
         << engine_cpu * 1e6 / engine_person_days << "\ntaperlab_wall_us_per_person_day_per_core "
         << engine_wall * static_cast<double>(threads) * 1e6 / engine_person_days
         << "\nsimulator_cpu_us_per_person_day " << seconds * 1e6 / person_days << '\n';
  std::cout << "export: " << cohort.size() << " people, " << request.doses.size()
            << " doses each; taperlab's cohort engine " << engine_cpu * 1e6 / engine_person_days
            << " us of CPU per person-day (" << runs << " runs on " << threads
            << " threads); the Simulator person by person " << seconds * 1e6 / person_days << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "taperlab_bench_peers_export: " << e.what() << '\n';
    return 2;
  }
}
