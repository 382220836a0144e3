// bench/peers/: a study of the adaptation pools' step on the hourly grid, for the people of
// people.csv (run.sh --pool-study). The PK moves exactly by exp(M h), as in the engine; the pools
// (dT/dt = k (w E - T)) are advanced over each step by the exact solution for an interpolated E:
//   linear:  E linear between the step's ends (the engine's PoolStep, docs/model.md section 3);
//   hermite: the cubic through E and dE/dt at both ends, dE/dt = E'(u) w.(M x) from the exact PK
//            derivative (right after a dose at the start, right before the end), no extra PK step.
// Either may take SUBSTEPS steps per hour for the first AFTER hours after each dose. Usage:
//   taperlab_bench_peers_pool_step PEOPLE.csv DOSES.csv DAYS linear|hermite SUBSTEPS AFTER OUT.f64
// Doses must fall on whole hours (the reference case's do). OUT.f64: hourly rows as peer_row.
#include <Eigen/Dense>
#include <array>
#include <cmath>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <unsupported/Eigen/MatrixFunctions>
#include <vector>

#include "peer_io.h"

namespace {

// The pool's weights over a step of h hours: T(h) = a T(0) + c[0] E0 + c[1] E0' + c[2] E1 +
// c[3] E1', from k w \int_0^h exp(-k (h - s)) E(s) ds with E(s) interpolated (8-point
// Gauss-Legendre on the smooth integrand: exact to rounding for these polynomials times exp).
struct PoolWeights {
  double a = 0.0;
  std::array<double, 4> c{};
};

PoolWeights pool_weights(double k, double w, double h, bool hermite) {
  static constexpr std::array<double, 8> x = {
      -0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498,
      0.1834346424956498,  0.5255324099163290,  0.7966664774136267,  0.9602898564975363};
  static constexpr std::array<double, 8> g = {
      0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620,
      0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763};
  PoolWeights out;
  out.a = std::exp(-k * h);
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double t = 0.5 * (x[i] + 1.0);  // s / h
    const double kernel = 0.5 * g[i] * k * h * w * std::exp(-k * h * (1.0 - t));
    if (hermite) {
      out.c[0] += kernel * (2 * t * t * t - 3 * t * t + 1);
      out.c[1] += kernel * h * (t * t * t - 2 * t * t + t);
      out.c[2] += kernel * (-2 * t * t * t + 3 * t * t);
      out.c[3] += kernel * h * (t * t * t - t * t);
    } else {
      out.c[0] += kernel * (1.0 - t);
      out.c[2] += kernel * t;
    }
  }
  return out;
}

double effect_slope(const PeerPerson& p, double u) {
  if (u <= 0.0) return 0.0;
  if (p.hill == 1.0) return p.u50 / ((p.u50 + u) * (p.u50 + u));
  const double un = std::pow(u, p.hill);
  const double kn = std::pow(p.u50, p.hill);
  return p.hill * un / u * kn / ((kn + un) * (kn + un));
}

int run(int argc, char** argv) {
  if (argc != 8) {
    throw std::invalid_argument(
        "usage: taperlab_bench_peers_pool_step PEOPLE DOSES DAYS linear|hermite SUBSTEPS AFTER "
        "OUT");
  }
  int people_n = 0;
  int doses_n = 0;
  double lag = 0.0;
  PeerPerson* people = peer_read_people(argv[1], &people_n, &lag);
  PeerDose* doses = peer_read_doses(argv[2], &doses_n);
  const int days = std::stoi(argv[3]);
  const std::string method = argv[4];
  if (method != "linear" && method != "hermite") throw std::invalid_argument("linear or hermite");
  const bool hermite = method == "hermite";
  const int substeps = std::stoi(argv[5]);
  const int after = std::stoi(argv[6]);
  if (substeps < 1 || after < 0) throw std::invalid_argument("SUBSTEPS >= 1, AFTER >= 0");
  const int rows = days * 24 + 1;
  std::vector<double> out;

  for (int i = 0; i < people_n; ++i) {
    const PeerPerson& p = people[i];
    const int n = p.n_pk;
    Eigen::MatrixXd m = Eigen::MatrixXd::Zero(n, n);
    m(0, 0) = -p.ka;
    m(1, 0) = p.ka;
    for (int s = 1; s < n; ++s) {
      m(s, s) = -p.cl[s] / p.v[s];
      if (s >= 2) {
        const int q = p.precursor[s];
        m(s, q) += p.fm[s] * p.cl[q] / p.v[q];
      }
    }
    Eigen::RowVectorXd w = Eigen::RowVectorXd::Zero(n);
    for (int s = 1; s < n; ++s) w(s) = p.w[s];
    const Eigen::RowVectorXd w_m = w * m;
    // [0]: a whole hour; [1]: a sub-step.
    const std::array<double, 2> h = {1.0, 1.0 / substeps};
    const std::array<Eigen::MatrixXd, 2> step = {m.exp(), (m * h[1]).exp()};
    std::array<std::array<PoolWeights, 2>, 2> pool;  // [step kind][fast, slow]
    for (std::size_t kind = 0; kind < 2; ++kind) {
      pool[kind][0] = pool_weights(p.k_fast, p.w_fast, h[kind], hermite);
      pool[kind][1] = pool_weights(p.k_slow, p.w_slow, h[kind], hermite);
    }

    Eigen::VectorXd x(n);
    for (int s = 0; s < n; ++s) x(s) = p.y0[s];
    std::array<double, 2> pools = {p.y0[n], p.y0[n + 1]};
    int next = 0;
    int since_dose = after;  // hours since the last dose
    for (int k = 0;; ++k) {
      std::array<double, PEER_MAX_PK + 2> y{};
      for (int s = 0; s < n; ++s) y[static_cast<std::size_t>(s)] = x(s);
      y[static_cast<std::size_t>(n)] = pools[0];
      y[static_cast<std::size_t>(n + 1)] = pools[1];
      std::array<double, PEER_MAX_PK + 2> row{};
      peer_row(&p, y.data(), row.data());
      out.insert(out.end(), row.begin(), row.begin() + n + 2);
      if (k == rows - 1) break;
      while (next < doses_n && doses[next].t_h + lag < k + 1e-9) {
        if (std::abs(doses[next].t_h + lag - k) > 1e-9) {
          throw std::runtime_error("a dose off the whole hours");
        }
        x(0) += p.f * doses[next].dose_mg;
        ++next;
        since_dose = 0;
      }
      const std::size_t kind = since_dose < after ? 1 : 0;
      ++since_dose;
      for (int j = 0; j < (kind == 1 ? substeps : 1); ++j) {
        const double u0 = w.dot(x);
        const double e0 = peer_effect(&p, u0);
        const double d0 = effect_slope(p, u0) * w_m.dot(x);
        x = step[kind] * x;
        const double u1 = w.dot(x);
        const double e1 = peer_effect(&p, u1);
        const double d1 = effect_slope(p, u1) * w_m.dot(x);
        for (std::size_t q = 0; q < 2; ++q) {
          const PoolWeights& c = pool[kind][q];
          pools[q] = c.a * pools[q] + c.c[0] * e0 + c.c[1] * d0 + c.c[2] * e1 + c.c[3] * d1;
        }
      }
    }
  }
  std::ofstream f(argv[7], std::ios::binary);
  f.write(reinterpret_cast<const char*>(out.data()),
          static_cast<std::streamsize>(out.size() * sizeof(double)));
  if (!f) throw std::runtime_error(std::string("cannot write ") + argv[7]);
  free(people);
  free(doses);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "taperlab_bench_peers_pool_step: " << e.what() << '\n';
    return 2;
  }
}
