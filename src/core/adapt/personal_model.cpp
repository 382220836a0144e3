#include "core/adapt/personal_model.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/model/daily_course.hpp"
#include "core/adapt/levenberg_marquardt.hpp"
#include "core/adapt/personal_theta.hpp"
#include "core/adapt/series_stats.hpp"
#include "core/base/error.hpp"

namespace taperlab::adapt {
namespace {

using personal::kLogD50;
using personal::kLogFastHalfTime;
using personal::kLogS1;
using personal::kLogSlowHalfTime;
using personal::kS0;
using personal::kThetaSize;
using personal::Theta;

constexpr double kZ80 = 1.2815515655446004;  // standard normal 90th percentile
constexpr double kInitialResidualSd = 0.05;  // assumed first guess; re-estimated from the data
constexpr int kResidualRounds = 4;
constexpr double kResidualSdTolerance = 0.05;  // relative change that ends the rounds
// Central-difference step on the log scale: 0.1% of a half-time or of D50, far above rounding
// error in W and small against W's curvature in these parameters.
constexpr double kDifferenceStep = 1e-3;

// The calmest week: lowest median over 7-day windows holding 3 or more check-ins, else the median
// of all (as usual_level.hpp does with dates).
double calmest_week(const std::vector<SymptomObservation>& obs) {
  std::optional<double> lowest;
  for (const SymptomObservation& end : obs) {
    std::vector<double> week;
    for (const SymptomObservation& o : obs) {
      if (o.day > end.day - 7 && o.day <= end.day) week.push_back(o.symptom_share);
    }
    if (week.size() < 3) continue;
    const double m = median(week);
    if (!lowest || m < *lowest) lowest = m;
  }
  if (lowest) return *lowest;
  std::vector<double> all;
  for (const SymptomObservation& o : obs) all.push_back(o.symptom_share);
  return median(all);
}

std::vector<SymptomObservation> checked(const std::vector<SymptomObservation>& observations,
                                        int min_days) {
  std::vector<FieldError> errors;
  std::map<int, double> by_day;
  for (std::size_t i = 0; i < observations.size(); ++i) {
    const SymptomObservation& o = observations[i];
    const std::string field = "check_ins[" + std::to_string(i) + "]";
    if (o.day < 0) errors.push_back({field + ".day", "must be day 0 or later"});
    if (!(o.symptom_share >= 0.0 && o.symptom_share <= 1.0)) {
      errors.push_back({field + ".symptom_share", "must lie between 0 and 1"});
    }
    if (!by_day.emplace(o.day, o.symptom_share).second) {
      errors.push_back({field + ".day", "day " + std::to_string(o.day) + " appears twice"});
    }
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
  if (static_cast<int>(by_day.size()) < min_days) {
    throw ValidationError("check_ins", "needs at least " + std::to_string(min_days) +
                                           " days of check-ins, has " +
                                           std::to_string(by_day.size()));
  }
  std::vector<SymptomObservation> out;
  for (const auto& [day, share] : by_day) out.push_back({day, share});
  return out;
}

// The fit's moving parts: observations, priors and the simulation of daily mean W for a theta.
class Problem {
 public:
  Problem(const Catalog& catalog, const EquivalenceTable& table, const SimulationRequest& taken,
          std::vector<SymptomObservation> obs, const PersonalFitOptions& options)
      : catalog_(catalog), table_(table), request_(taken), obs_(std::move(obs)), options_(options) {
    request_.output_step_h = options.step_h;
    request_.duration_h = (obs_.back().day + 1) * 24.0;
    const PersonalPrior& pr = options.prior;
    const AdaptationParameters& ap = options.population.adaptation;
    prior_mean_ = {pr.s0_mean.value_or(calmest_week(obs_)), std::log(pr.s1_median),
                   std::log(ap.fast_half_time_d), std::log(ap.slow_half_time_d),
                   std::log(options.population.effect.d50_mg_per_day)};
    prior_sd_ = {pr.s0_sd, pr.s1_log_sd, pr.fast_half_time_log_sd, pr.slow_half_time_log_sd,
                 pr.d50_log_sd};
    for (double sd : prior_sd_) {
      if (!(sd > 0)) throw ValidationError("prior", "every prior SD must be positive");
    }
    if (!(pr.s1_median > 0)) throw ValidationError("prior.s1_median", "must be positive");
  }

  [[nodiscard]] const Theta& prior_mean() const { return prior_mean_; }
  [[nodiscard]] const Theta& prior_sd() const { return prior_sd_; }
  [[nodiscard]] std::size_t observations() const { return obs_.size(); }

  // Daily mean W on each observed day.
  std::vector<double> withdrawal_on_observed_days(const Theta& theta) {
    Simulator sim(catalog_, table_, personal::model_for(options_.population, theta));
    sim.run(request_, trace_);
    const DailyCourse daily = daily_means(trace_);
    std::vector<double> w(obs_.size());
    for (std::size_t i = 0; i < obs_.size(); ++i) {
      w[i] = daily.withdrawal[static_cast<std::size_t>(obs_[i].day)];
    }
    return w;
  }

  // Whitened residuals: data (observed - predicted) / sigma, then the priors.
  void residuals(const std::vector<double>& x, double sigma, std::vector<double>& r,
                 std::vector<double>* jac) {
    Theta theta{};
    std::copy(x.begin(), x.end(), theta.begin());
    const std::size_t n = obs_.size();
    const std::vector<double> w = withdrawal_on_observed_days(theta);
    const double s1 = std::exp(theta[kLogS1]);
    r.assign(n + kThetaSize, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      r[i] = (obs_[i].symptom_share - theta[kS0] - s1 * w[i]) / sigma;
    }
    for (std::size_t k = 0; k < kThetaSize; ++k) {
      r[n + k] = (theta[k] - prior_mean_[k]) / prior_sd_[k];
    }
    if (!jac) return;
    jac->assign((n + kThetaSize) * kThetaSize, 0.0);
    auto at = [&](std::size_t row, std::size_t col) -> double& {
      return (*jac)[row * kThetaSize + col];
    };
    // s0 and s1 enter linearly: exact derivatives. The rest through the simulation.
    for (std::size_t i = 0; i < n; ++i) {
      at(i, kS0) = -1.0 / sigma;
      at(i, kLogS1) = -s1 * w[i] / sigma;
    }
    for (std::size_t k : {kLogFastHalfTime, kLogSlowHalfTime, kLogD50}) {
      Theta up = theta;
      Theta down = theta;
      up[k] += kDifferenceStep;
      down[k] -= kDifferenceStep;
      const std::vector<double> w_up = withdrawal_on_observed_days(up);
      const std::vector<double> w_down = withdrawal_on_observed_days(down);
      for (std::size_t i = 0; i < n; ++i) {
        at(i, k) = -s1 * (w_up[i] - w_down[i]) / (2.0 * kDifferenceStep) / sigma;
      }
    }
    for (std::size_t k = 0; k < kThetaSize; ++k) at(n + k, k) = 1.0 / prior_sd_[k];
  }

  // SD of the unwhitened data residuals at theta, n - 5 degrees of freedom.
  double residual_sd(const Theta& theta) {
    const std::vector<double> w = withdrawal_on_observed_days(theta);
    const double s1 = std::exp(theta[kLogS1]);
    double rss = 0.0;
    for (std::size_t i = 0; i < obs_.size(); ++i) {
      const double e = obs_[i].symptom_share - theta[kS0] - s1 * w[i];
      rss += e * e;
    }
    const double dof = std::max(1.0, static_cast<double>(obs_.size()) - kThetaSize);
    return std::sqrt(rss / dof);
  }

 private:
  const Catalog& catalog_;
  const EquivalenceTable& table_;
  SimulationRequest request_;
  std::vector<SymptomObservation> obs_;
  const PersonalFitOptions& options_;
  SimulationTrace trace_;
  Theta prior_mean_{};
  Theta prior_sd_{};
};

Estimate estimate(double mode, double variance, bool log_scale) {
  const double half = kZ80 * std::sqrt(std::max(variance, 0.0));
  if (log_scale) return {std::exp(mode), std::exp(mode - half), std::exp(mode + half)};
  return {mode, mode - half, mode + half};
}

}  // namespace

std::vector<SymptomObservation> symptom_observations(const std::vector<SymptomDay>& days,
                                                     CivilDate day0) {
  std::vector<SymptomObservation> out;
  for (const SymptomDay& d : days) {
    const int day = day0.days_until(d.date);
    if (day >= 0 && d.symptom_share) out.push_back({day, *d.symptom_share});
  }
  std::sort(out.begin(), out.end(),
            [](const SymptomObservation& a, const SymptomObservation& b) { return a.day < b.day; });
  return out;
}

ModelParameters PersonalFit::personal_parameters() const {
  return personal::model_for(population, mode);
}

PersonalFit fit_personal_model(const Catalog& catalog, const EquivalenceTable& table,
                               const SimulationRequest& taken,
                               const std::vector<SymptomObservation>& observations,
                               const PersonalFitOptions& options) {
  validate(options.population);
  if (!(options.step_h > 0) ||
      std::abs(24.0 / options.step_h - std::round(24.0 / options.step_h)) > 1e-9) {
    throw ValidationError("step_h", "must divide 24 hours");
  }
  Problem problem(catalog, table, taken, checked(observations, options.min_days), options);

  PersonalFit fit;
  fit.population = options.population;
  fit.observations = static_cast<int>(problem.observations());
  std::vector<double> x(problem.prior_mean().begin(), problem.prior_mean().end());
  double sigma = kInitialResidualSd;
  LevenbergMarquardtResult lm;
  LevenbergMarquardtOptions lm_options;
  lm_options.max_iterations = options.max_iterations;
  for (int round = 0; round < kResidualRounds; ++round) {
    lm = levenberg_marquardt([&](const std::vector<double>& at, std::vector<double>& r,
                                 std::vector<double>* j) { problem.residuals(at, sigma, r, j); },
                             x, lm_options);
    fit.iterations += lm.iterations;
    x = lm.x;
    Theta theta{};
    std::copy(x.begin(), x.end(), theta.begin());
    const double next = std::max(options.residual_sd_floor, problem.residual_sd(theta));
    const bool settled = std::abs(next / sigma - 1.0) < kResidualSdTolerance;
    sigma = next;
    if (settled) break;
  }
  fit.converged = lm.converged;
  fit.residual_sd = sigma;
  std::copy(lm.x.begin(), lm.x.end(), fit.mode.begin());
  std::copy(lm.covariance.begin(), lm.covariance.end(), fit.covariance.begin());
  auto var = [&](std::size_t k) { return fit.covariance[k * kThetaSize + k]; };
  fit.s0 = estimate(fit.mode[kS0], var(kS0), false);
  fit.s1 = estimate(fit.mode[kLogS1], var(kLogS1), true);
  fit.fast_half_time_d = estimate(fit.mode[kLogFastHalfTime], var(kLogFastHalfTime), true);
  fit.slow_half_time_d = estimate(fit.mode[kLogSlowHalfTime], var(kLogSlowHalfTime), true);
  fit.d50_mg_per_day = estimate(fit.mode[kLogD50], var(kLogD50), true);
  return fit;
}

double personal_ceiling(const PersonalFit& fit, double tolerable_rise_share) {
  if (!(tolerable_rise_share > 0.0 && tolerable_rise_share <= 1.0)) {
    throw ValidationError("tolerable_rise_share", "must lie in (0, 1]");
  }
  constexpr double kLowest = 0.001;
  constexpr double kHighest = 0.1;
  const double s1 = fit.s1.high > 0 ? fit.s1.high : fit.s1.value;
  if (!(s1 > 0)) return kHighest;
  return std::clamp(tolerable_rise_share / s1, kLowest, kHighest);
}

}  // namespace taperlab::adapt
