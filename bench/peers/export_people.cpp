// bench/peers/: writes the cohort the peer solvers run (people.csv: every parameter of each person,
// and that person's state at day 0), the dose events they take (doses.csv), taperlab's own hourly
// trajectories of those people (taperlab_hourly.f64, for the agreement check) and taperlab's time
// for the same people (taperlab.txt). Usage:
//   taperlab_bench_peers_export --out DIR [--n N] [--days D] [--fine K] [--cut F] [--data DIR]
// The reference case: diazepam 20 mg/day in two doses (08:00, 20:00) taken for months, then cut by
// 10% (--cut) of the current dose every 14 days (fraction_taper, first cut on day 0), `days` days.
// --fine K also writes taperlab_fine.f64: the same trajectories on a 1/K h grid, sampled hourly,
// which shows how much of a difference is taperlab's hourly step (see README.md).
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

#include "core/dosing/dose_schedule.hpp"
#include "core/drugs/catalog.hpp"
#include "core/model/pk_system.hpp"
#include "core/model/potency.hpp"
#include "core/model/simulation.hpp"
#include "io/data_dir.hpp"

namespace {

using namespace taperlab;

struct Options {
  std::filesystem::path out;
  std::filesystem::path data = TAPERLAB_BENCH_DATA_DIR;
  std::uint64_t n = 200;
  int days = 365;
  int fine = 0;
  double cut = 0.10;
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
    } else if (a == "--cut") {
      o.cut = std::stod(value());
    } else if (a == "--fine") {
      o.fine = std::stoi(value());
    } else {
      throw std::invalid_argument("unknown argument " + a);
    }
  }
  if (o.out.empty()) throw std::invalid_argument("--out DIR is required");
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

// The people of the cohort. Everyone is the default person for now: the ODE side is checked first.
std::vector<Person> people(const Catalog& catalog, std::uint64_t n) {
  std::vector<Person> out;
  out.reserve(n);
  for (std::uint64_t k = 0; k < n; ++k)
    out.push_back({catalog.drug("diazepam"), ModelParameters{}});
  return out;
}

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
  const std::vector<Person> cohort = people(shipped, o.n);

  SimulationRequest request;
  request.steady_state = reference_regimen();
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
  std::ofstream timing(o.out / "taperlab.txt");
  timing << "people " << cohort.size() << "\ndays " << o.days << "\nrows " << o.days * 24 + 1
         << "\ncolumns " << kFixedColumns + n_pk - 1 << "\nnames W E R";
  for (const auto& name : species) timing << " C_" << name;
  timing << "\ntaperlab_engine Simulator, 1 thread\ntaperlab_cpu_us_per_person_day "
         << seconds * 1e6 / person_days << '\n';
  std::cout << "export: " << cohort.size() << " people, " << request.doses.size()
            << " doses each; taperlab's Simulator " << seconds * 1e6 / person_days
            << " us of CPU per person-day\n";
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
