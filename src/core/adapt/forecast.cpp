#include "core/adapt/forecast.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "core/model/daily_course.hpp"
#include "core/adapt/personal_theta.hpp"
#include "core/base/error.hpp"

namespace taperlab::adapt {
namespace {

using personal::kLogS1;
using personal::kS0;
using personal::kThetaSize;
using personal::Theta;

// A lower-triangular L with L L^T = covariance; a covariance that is only semi-definite is
// factored through its eigenvalues (clamped at 0).
Eigen::MatrixXd square_root(const std::array<double, kThetaSize * kThetaSize>& covariance) {
  const auto n = static_cast<Eigen::Index>(kThetaSize);
  Eigen::MatrixXd c(n, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index k = 0; k < n; ++k) {
      c(i, k) = covariance[static_cast<std::size_t>(i * n + k)];
    }
  }
  c = 0.5 * (c + c.transpose());
  Eigen::LLT<Eigen::MatrixXd> llt(c);
  if (llt.info() == Eigen::Success) return llt.matrixL();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(c);
  return eig.eigenvectors() * eig.eigenvalues().cwiseMax(0.0).cwiseSqrt().asDiagonal();
}

// Linear interpolation between order statistics (R's type 7); `values` is sorted in place.
double quantile(std::vector<double>& values, double q) {
  std::sort(values.begin(), values.end());
  const double pos = q * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (pos - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

ForecastBand band_of(std::vector<double>& values, double band) {
  const double tail = 0.5 * (1.0 - band);
  ForecastBand b;
  b.low = quantile(values, tail);
  b.median = quantile(values, 0.5);
  b.high = quantile(values, 1.0 - tail);
  return b;
}

}  // namespace

Forecast forecast(const Catalog& catalog, const EquivalenceTable& table, const PersonalFit& fit,
                  const SimulationRequest& plan, std::mt19937_64& rng,
                  const ForecastOptions& options) {
  if (options.draws < 2) throw ValidationError("draws", "needs at least 2 draws");
  if (!(options.band > 0.0 && options.band < 1.0)) {
    throw ValidationError("band", "must lie between 0 and 1");
  }
  const double per_day = 24.0 / options.step_h;
  if (!(options.step_h > 0) || std::abs(per_day - std::round(per_day)) > 1e-9) {
    throw ValidationError("step_h", "must divide 24 hours");
  }
  SimulationRequest request = plan;
  request.output_step_h = options.step_h;
  const auto days = static_cast<std::size_t>(std::floor(plan.duration_h / 24.0 + 1e-9));
  request.duration_h = static_cast<double>(days) * 24.0;

  const Eigen::MatrixXd root = square_root(fit.covariance);
  const Eigen::Map<const Eigen::VectorXd> mode(fit.mode.data(),
                                               static_cast<Eigen::Index>(kThetaSize));
  std::normal_distribution<double> normal(0.0, 1.0);
  const auto draws = static_cast<std::size_t>(options.draws);
  // Day-major so that each day's draws are contiguous for the quantiles.
  std::vector<double> w(days * draws);
  std::vector<double> s(days * draws);
  std::vector<double> r(days * draws);
  SimulationTrace trace;
  Eigen::VectorXd z(static_cast<Eigen::Index>(kThetaSize));
  for (std::size_t d = 0; d < draws; ++d) {
    for (Eigen::Index k = 0; k < z.size(); ++k) z[k] = normal(rng);
    const Eigen::VectorXd x = mode + root * z;
    Theta theta{};
    for (std::size_t k = 0; k < kThetaSize; ++k) theta[k] = x[static_cast<Eigen::Index>(k)];
    Simulator sim(catalog, table, personal::model_for(fit.population, theta));
    sim.run(request, trace);
    const DailyCourse daily = daily_means(trace);
    const double s1 = std::exp(theta[kLogS1]);
    for (std::size_t day = 0; day < days; ++day) {
      const double wd = daily.withdrawal[day];
      const double noisy = theta[kS0] + s1 * wd + fit.residual_sd * normal(rng);
      w[day * draws + d] = wd;
      s[day * draws + d] = std::clamp(noisy, 0.0, 1.0);
      r[day * draws + d] = daily.adaptation_remaining[day];
    }
  }

  Forecast out;
  out.draws = options.draws;
  out.days.resize(days);
  std::vector<double> column(draws);
  auto band_at = [&](const std::vector<double>& all, std::size_t day) {
    std::copy(all.begin() + static_cast<std::ptrdiff_t>(day * draws),
              all.begin() + static_cast<std::ptrdiff_t>((day + 1) * draws), column.begin());
    return band_of(column, options.band);
  };
  for (std::size_t day = 0; day < days; ++day) {
    ForecastDay& f = out.days[day];
    f.day = static_cast<int>(day);
    f.withdrawal = band_at(w, day);
    f.symptom_share = band_at(s, day);
    f.adaptation_remaining = band_at(r, day);
  }
  return out;
}

}  // namespace taperlab::adapt
