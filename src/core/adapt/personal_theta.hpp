#pragma once

// The personal model's fitted scale, shared by the fit and the forecast.

#include <array>
#include <cstddef>

#include "core/model/model_parameters.hpp"

namespace taperlab::adapt::personal {

// theta = (s0, ln s1, ln fast half-time d, ln slow half-time d, ln D50 mg/day).
enum ThetaIndex : std::size_t { kS0, kLogS1, kLogFastHalfTime, kLogSlowHalfTime, kLogD50 };
inline constexpr std::size_t kThetaSize = 5;
using Theta = std::array<double, kThetaSize>;

// The population model with theta's half-times and D50, each held inside a wide physical range
// (fast 0.05-100 d, slow 1-5000 d, D50 0.1-10000 mg/day) so that a wild trial step of the solver
// or a far tail draw still simulates; the priors keep the fit itself far from these bounds.
ModelParameters model_for(const ModelParameters& population, const Theta& theta);

}  // namespace taperlab::adapt::personal
