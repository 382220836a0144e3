// bench/peers/: the largest relative difference between two sets of hourly trajectories, each a
// file of doubles laid out [person][row][column] with the columns W, E, R, then each species'
// concentration (export_people.cpp writes taperlab's; the peers write theirs alike). Usage:
//   taperlab_bench_peers_compare OURS.f64 THEIRS.f64 ROWS COLUMNS [NAME...]
// (ROWS: hourly rows per person)
//   taperlab_bench_peers_compare --daily ENGINE_DAYS.f64 THEIRS.f64 ROWS COLUMNS
// compares the cohort engine's daily values (peak W, mean E, R at the day's first hour: what it
// hands its sinks) with THEIRS, hourly, reduced to days as the engine's reference does
// (cohort::reduce_to_days).
// E, R and the concentrations are positive: their difference is relative to our value at the same
// hour, but never to less than 1e-3 of the series' largest value over the person's run (once a
// drug is stopped they decay towards zero, far below any solver's absolute tolerance). W =
// max(0, T - E) is zero much of the time and turns positive at cuts: its difference is relative
// to the series' scale, the person's largest W over the run. Prints one line per column (the worst
// person and hour) and the largest of all.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/cohort/simulator_cohort.hpp"

namespace {

std::vector<double> read_doubles(const std::string& path) {
  std::ifstream f(path, std::ios::binary | std::ios::ate);
  if (!f) throw std::runtime_error("cannot read " + path);
  const auto bytes = static_cast<std::size_t>(f.tellg());
  std::vector<double> v(bytes / sizeof(double));
  f.seekg(0);
  f.read(reinterpret_cast<char*>(v.data()),
         static_cast<std::streamsize>(v.size() * sizeof(double)));
  return v;
}

struct Worst {
  double relative = 0.0;
  std::size_t person = 0;
  std::size_t row = 0;
  double absolute = 0.0;  // the largest absolute difference, anywhere
};

// Hourly rows [person][row][columns] (W, E, R first) -> daily [person][day][peak W, mean E, R].
std::vector<double> reduce(const std::vector<double>& hourly, std::size_t rows,
                           std::size_t columns) {
  const std::size_t people = hourly.size() / (rows * columns);
  const std::size_t days = (rows - 1) / 24;
  std::vector<double> w(rows), e(rows), r(rows), peak(days), mean_e(days), r_day(days);
  std::vector<double> out;
  out.reserve(people * days * 3);
  for (std::size_t p = 0; p < people; ++p) {
    const double* a = hourly.data() + p * rows * columns;
    for (std::size_t k = 0; k < rows; ++k) {
      w[k] = a[k * columns];
      e[k] = a[k * columns + 1];
      r[k] = a[k * columns + 2];
    }
    taperlab::cohort::reduce_to_days(w, e, r, 24, peak, mean_e, r_day);
    for (std::size_t d = 0; d < days; ++d) {
      out.push_back(peak[d]);
      out.push_back(mean_e[d]);
      out.push_back(r_day[d]);
    }
  }
  return out;
}

int run(int argc, char** argv) {
  const bool daily = argc > 1 && std::string(argv[1]) == "--daily";
  if (daily) {
    --argc;
    ++argv;
  }
  if (argc < 5) {
    throw std::invalid_argument(
        "usage: taperlab_bench_peers_compare [--daily] OURS THEIRS ROWS COLUMNS [NAME...]");
  }
  const std::vector<double> ours = read_doubles(argv[1]);
  std::vector<double> theirs = read_doubles(argv[2]);
  std::size_t rows = std::stoul(argv[3]);
  std::size_t columns = std::stoul(argv[4]);
  std::vector<std::string> names;
  if (daily) {
    if (rows < 25 || (rows - 1) % 24 != 0 || theirs.size() % (rows * columns) != 0) {
      throw std::runtime_error("--daily needs whole days of hourly rows");
    }
    theirs = reduce(theirs, rows, columns);
    rows = (rows - 1) / 24;
    columns = 3;
    names = {"peak W", "mean E", "R"};
  }
  if (rows == 0 || columns == 0 || ours.size() != theirs.size() ||
      ours.size() % (rows * columns) != 0) {
    throw std::runtime_error("the two files differ in size or do not hold ROWS x COLUMNS");
  }
  const std::size_t people = ours.size() / (rows * columns);
  for (int i = 5; i < argc && !daily; ++i) names.emplace_back(argv[i]);

  std::vector<Worst> worst(columns);
  for (std::size_t p = 0; p < people; ++p) {
    const double* a = ours.data() + p * rows * columns;
    const double* b = theirs.data() + p * rows * columns;
    std::vector<double> largest(columns, 0.0);
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < columns; ++c) {
        largest[c] = std::max(largest[c], std::abs(a[r * columns + c]));
      }
    }
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < columns; ++c) {
        const double x = a[r * columns + c];
        const double y = b[r * columns + c];
        const double scale = c == 0 ? largest[0] : std::max(std::abs(x), 1e-3 * largest[c]);
        double rel = 0.0;
        if (!std::isfinite(y)) {
          rel = INFINITY;
        } else if (scale > 0.0) {
          rel = std::abs(y - x) / scale;
        } else if (y != x) {
          rel = INFINITY;
        }
        if (rel > worst[c].relative) worst[c] = {rel, p, r, worst[c].absolute};
        worst[c].absolute = std::max(worst[c].absolute, std::abs(y - x));
      }
    }
  }
  double all = 0.0;
  for (std::size_t c = 0; c < columns; ++c) {
    const std::string name = c < names.size() ? names[c] : "column " + std::to_string(c);
    std::printf("  %-12s %-9.3g (person %zu, %s %zu; largest absolute difference %.3g)\n",
                name.c_str(), worst[c].relative, worst[c].person, daily ? "day" : "hour",
                worst[c].row, worst[c].absolute);
    all = std::max(all, worst[c].relative);
  }
  std::printf("  largest      %.3g\n", all);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "taperlab_bench_peers_compare: " << e.what() << '\n';
    return 2;
  }
}
