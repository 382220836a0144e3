#include "core/adapt/personal_theta.hpp"

#include <algorithm>
#include <cmath>

namespace taperlab::adapt::personal {

ModelParameters model_for(const ModelParameters& population, const Theta& theta) {
  ModelParameters p = population;
  p.adaptation.fast_half_time_d = std::clamp(std::exp(theta[kLogFastHalfTime]), 0.05, 100.0);
  p.adaptation.slow_half_time_d = std::clamp(std::exp(theta[kLogSlowHalfTime]), 1.0, 5000.0);
  p.effect.d50_mg_per_day = std::clamp(std::exp(theta[kLogD50]), 0.1, 10000.0);
  return p;
}

}  // namespace taperlab::adapt::personal
