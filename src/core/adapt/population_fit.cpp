#include "core/adapt/population_fit.hpp"

#include <cmath>

#include "core/adapt/personal_theta.hpp"
#include "core/base/error.hpp"

namespace taperlab::adapt {
namespace {

constexpr double kZ80Interval = 1.2815515655446004;  // standard normal 90th percentile

Estimate population_estimate(double centre, double sd, bool log_scale) {
  const double half = kZ80Interval * sd;
  if (log_scale) return {std::exp(centre), std::exp(centre - half), std::exp(centre + half)};
  return {centre, centre - half, centre + half};
}

}  // namespace

PersonalFit population_fit(const ModelParameters& population, const PersonalPrior& prior, double s0,
                           double residual_sd) {
  using namespace personal;
  if (!(s0 >= 0.0 && s0 <= 1.0)) throw ValidationError("s0", "must lie between 0 and 1");
  if (!(prior.s1_median > 0)) throw ValidationError("prior.s1_median", "must be positive");
  if (!(residual_sd >= 0)) throw ValidationError("residual_sd", "must not be negative");
  const AdaptationParameters& ap = population.adaptation;
  const Theta centre = {s0, std::log(prior.s1_median), std::log(ap.fast_half_time_d),
                        std::log(ap.slow_half_time_d), std::log(population.effect.d50_mg_per_day)};
  const Theta sd = {prior.s0_sd, prior.s1_log_sd, prior.fast_half_time_log_sd,
                    prior.slow_half_time_log_sd, prior.d50_log_sd};
  for (double v : sd) {
    if (!(v > 0)) throw ValidationError("prior", "every prior SD must be positive");
  }
  PersonalFit fit;
  fit.population = population;
  fit.mode = centre;
  fit.covariance.fill(0.0);
  for (std::size_t k = 0; k < kThetaSize; ++k) fit.covariance[k * kThetaSize + k] = sd[k] * sd[k];
  fit.s0 = population_estimate(centre[kS0], sd[kS0], false);
  fit.s1 = population_estimate(centre[kLogS1], sd[kLogS1], true);
  fit.fast_half_time_d = population_estimate(centre[kLogFastHalfTime], sd[kLogFastHalfTime], true);
  fit.slow_half_time_d = population_estimate(centre[kLogSlowHalfTime], sd[kLogSlowHalfTime], true);
  fit.d50_mg_per_day = population_estimate(centre[kLogD50], sd[kLogD50], true);
  fit.residual_sd = residual_sd;
  fit.observations = 0;
  fit.converged = false;
  return fit;
}

}  // namespace taperlab::adapt
